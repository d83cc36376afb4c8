import 'server-only';
import { sharedState, type SharedState } from '../platform/shared-state';

/**
 * Ending sessions that live in a cookie. A sealed cookie is valid until its seal expires, wherever
 * it was copied to, so the shared state remembers what was ended:
 * - `session-ended:<sid>`: one session, ended by its log-out (or refused by the help desk);
 * - `sessions-not-before:<user id>`: every session of that user started at or before that time,
 *   ended by "Log out of all devices".
 * Both expire with the longest a session can live (SESSION_TTL_HOURS), after which the cookie's
 * own seal has expired anyway. And, in the on-behalf-of mode only:
 * - `session-rechecked:<sid>`: the help desk was asked lately whether the customer's password
 *   changed (lib/session/recheck.ts); it expires after SESSION_RECHECK_SECONDS, and then the next
 *   page view asks again.
 * Checking a session costs one shared-state read (getMany: one MGET), the re-check key included.
 */
export interface SessionIdentity {
  sid?: string;
  userId: string;
  signedInAt?: number;
}

const endedKey = (sid: string) => `session-ended:${sid}`;
const notBeforeKey = (userId: string) => `sessions-not-before:${userId}`;
// A cookie from before session ids is named by its user and start time.
const recheckedKey = (session: SessionIdentity) => `session-rechecked:${session.sid ?? `${session.userId}@${session.signedInAt ?? 0}`}`;

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
  return (await sessionStatus(session, { recheck: false }, state)).ended;
}

export interface SessionStatus {
  ended: boolean;
  /** Asked for (`recheck`) and not done lately: time to ask the help desk about a password change. */
  recheckDue: boolean;
}

/** Whether the session was ended and, with `recheck`, whether a re-check is due: one read. */
export async function sessionStatus(session: SessionIdentity, { recheck }: { recheck: boolean }, state: SharedState = sharedState()): Promise<SessionStatus> {
  const keys = [notBeforeKey(session.userId), session.sid ? endedKey(session.sid) : null, recheck ? recheckedKey(session) : null];
  let values: (string | null)[];
  try {
    values = await state.getMany(keys.filter((key): key is string => key !== null));
  } catch (error) {
    throw new SessionStateUnavailableError(error);
  }
  const [notBefore, ended, rechecked] = keys.map((key) => (key === null ? null : (values.shift() ?? null)));
  // A session from before "Log out of all devices" (or with no start time at all) is over.
  const endedNow = Boolean(ended) || (notBefore != null && (session.signedInAt ?? 0) <= Number(notBefore));
  return { ended: endedNow, recheckDue: recheck && !endedNow && !rechecked };
}

/**
 * Takes the turn to re-check this session for the next `intervalSeconds`: true for exactly one
 * request across all instances, so concurrent page views do not all ask the help desk.
 */
export async function claimRecheck(session: SessionIdentity, intervalSeconds: number, state: SharedState = sharedState()): Promise<boolean> {
  return state.claim(recheckedKey(session), String(Date.now()), intervalSeconds);
}

/** A session just signed in was just checked: the first re-check comes one interval later. */
export async function markRechecked(session: SessionIdentity, intervalSeconds: number, state: SharedState = sharedState()): Promise<void> {
  await state.set(recheckedKey(session), String(Date.now()), intervalSeconds);
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
