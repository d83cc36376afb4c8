import { randomBytes } from 'node:crypto';
import type { SharedState } from '../platform/shared-state';

/**
 * A form's state after a send that did not go through without JavaScript: the forms' routes
 * (app/requests/…/send/route.ts) answer with a redirect back to the form's page, and the page has
 * to show the message, the errors, the text and the files again. They are kept here, in the shared
 * state (so any instance can serve the page), under a random key that goes in the redirect's
 * query (`?form=…`), for a short while, and only for the customer who sent them.
 *
 *   form-state:<key>    { owner, state }   owner: the requester's id, or null when the session had
 *                                           ended (then the text is shown to whoever signs in on
 *                                           that browser: the key is only in that browser's address)
 */
export const KEPT_STATE_TTL_SECONDS = 30 * 60;

const KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;

interface Kept {
  owner: string | null;
  state: unknown;
}

export async function keepFormState(store: SharedState, owner: string | null, state: object): Promise<string> {
  const key = randomBytes(16).toString('base64url');
  await store.set(`form-state:${key}`, JSON.stringify({ owner, state } satisfies Kept), KEPT_STATE_TTL_SECONDS);
  return key;
}

/** The state kept under `key` for `requesterId`; null when there is none, it expired, or it is someone else's. */
export async function keptFormState<State>(store: SharedState, key: unknown, requesterId: string): Promise<State | null> {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) return null;
  let raw: string | null;
  try {
    raw = await store.get(`form-state:${key}`);
  } catch {
    // The shared state is away: the form starts empty rather than the page failing.
    return null;
  }
  if (!raw) return null;
  const kept = JSON.parse(raw) as Kept;
  if (kept.owner !== null && kept.owner !== requesterId) return null;
  return kept.state as State;
}
