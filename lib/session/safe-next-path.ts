/**
 * Where to go after signing in. Only this portal's own paths are allowed: anything that could
 * leave the site (`//evil.example`, `/\evil.example`, `https://…`, `javascript:`) or that smuggles
 * control characters falls back to the list of requests.
 */
export const DEFAULT_AFTER_LOGIN = '/requests';

/**
 * The sign-in page, coming back to `returnTo` (if it is one of the portal's own paths) afterwards.
 * `expired`: the page says the session has ended, rather than just asking to sign in.
 */
export function signInHref(returnTo: string, { expired = false }: { expired?: boolean } = {}): string {
  return `/login?${expired ? 'expired=1&' : ''}next=${encodeURIComponent(safeNextPath(returnTo))}`;
}

/**
 * `signInPage`: the sign-in page itself is a fine place to go back to (the language picker, on
 * the sign-in page); after signing in it is not, it would only ask again.
 */
export function safeNextPath(value: unknown, { signInPage = false }: { signInPage?: boolean } = {}): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return DEFAULT_AFTER_LOGIN;
  if (!looksLocal(value)) return DEFAULT_AFTER_LOGIN;
  let path: string;
  try {
    // Resolve against a dummy origin: if the origin changes, the path was not our own.
    const url = new URL(value, 'http://portal.invalid');
    if (url.origin !== 'http://portal.invalid') return DEFAULT_AFTER_LOGIN;
    if ((url.pathname === '/login' && !signInPage) || url.pathname.startsWith('/_next')) return DEFAULT_AFTER_LOGIN;
    path = url.pathname + url.search + url.hash;
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  // What is returned is checked again, not only what came in: resolving dot segments can turn a
  // harmless `/..//evil.example` or `/%2e%2e//evil.example` into `//evil.example`, which a browser
  // reads as another site.
  return looksLocal(path) ? path : DEFAULT_AFTER_LOGIN;
}

/** One leading slash, not two, no backslash, no control characters: a path on this origin. */
function looksLocal(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return false;
  return !/[\u0000-\u001f\u007f\\]/.test(path);
}
