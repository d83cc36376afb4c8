import 'server-only';
import { sharedState, type SharedState } from '../platform/shared-state';

/**
 * Ending sessions that live in a cookie. A sealed cookie is valid until its seal expires, wherever
 * it was copied to, so the shared state remembers what was ended:
 * - `session-ended:<sid>`: one session, ended by its log-out (or refused by the help desk);
 * - `sessions-not-before:<user id>`: every session of that user started at or before that time,
 *   ended by "Log out of all devices".
 * Both expire with the longest a session can live (SESSION_TTL_HOURS), after which the cookie's
 * own seal has expired anyway. Checking a session costs one shared-state read (getMany: one MGET).
 */
export interface SessionIdentity {
  sid?: string;
  userId: string;
  signedInAt?: number;
}

const endedKey = (sid: string) => `session-ended:${sid}`;
const notBeforeKey = (userId: string) => `sessions-not-before:${userId}`;

/** The shared state could not be read: whether a session was ended is unknown. */
export class SessionStateUnavailableError extends Error {
  readonly code = 'session_state_unavailable';
  constructor(cause: unknown) {
    super('Could not check whether the session was ended: the shared state did not answer.', { cause });
  }
}

/**
 * True when the session was ended. Fails closed: if the shared state cannot be read, this throws
 * (the page shows an error) rather than accept a cookie that may have been logged out: a copied
 * cookie must not come back to life whenever Redis is away. Sign-ins and forms need the shared
 * state too, so the outage is visible either way.
 */
export async function isSessionEnded(session: SessionIdentity, state: SharedState = sharedState()): Promise<boolean> {
  let ended: string | null | undefined;
  let notBefore: string | null | undefined;
  try {
    [notBefore, ended] = await state.getMany(session.sid ? [notBeforeKey(session.userId), endedKey(session.sid)] : [notBeforeKey(session.userId)]);
  } catch (error) {
    throw new SessionStateUnavailableError(error);
  }
  if (ended) return true;
  // A session from before "Log out of all devices" (or with no start time at all) is over.
  return notBefore !== null && notBefore !== undefined && (session.signedInAt ?? 0) <= Number(notBefore);
}

/** Ends one session everywhere its cookie was copied. */
export async function endSession(session: SessionIdentity, ttlSeconds: number, state: SharedState = sharedState()): Promise<void> {
  // A cookie from before sessions had ids cannot be named alone: end all of that user's.
  if (!session.sid) return endAllSessions(session.userId, ttlSeconds, Date.now(), state);
  await state.set(endedKey(session.sid), '1', ttlSeconds);
}

/** Ends every session of this user started up to `now`, on every device. */
export async function endAllSessions(userId: string, ttlSeconds: number, now = Date.now(), state: SharedState = sharedState()): Promise<void> {
  await state.set(notBeforeKey(userId), String(now), ttlSeconds);
}
