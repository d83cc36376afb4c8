/**
 * The browser's localStorage for drafts, or a stand-in that keeps nothing where the browser
 * refuses storage. There, merely reading `localStorage` throws a SecurityError: inside another
 * site's frame (the embedded portal) when the browser blocks third-party storage, and in some
 * private modes. Drafts are an enhancement; a refused storage must not break the form.
 */
export function draftStorage(): Storage {
  try {
    return window.localStorage;
  } catch {
    return noStorage;
  }
}

const noStorage: Storage = {
  length: 0,
  clear() {},
  getItem: () => null,
  key: () => null,
  removeItem() {},
  setItem() {},
};
