import { HelpdeskError, HelpdeskUnavailableError } from '../helpdesk/errors';
import type { SharedState } from '../platform/shared-state';
import { claimEarlier, claimNamed, recordSent, type ClaimContext, type Found } from './submit-claims';

export type { Found };

/**
 * Sends a write to the help desk at most once per form token, across retries, double submits and
 * portal instances. What a token produced is kept in the shared state:
 *
 *   form:<requester>:<token>:lock    while one attempt is under way (other attempts wait for it)
 *   form:<requester>:<token>:done    the id the help desk gave back; later attempts just go there
 *   form:<requester>:<token>:unsure  an attempt whose answer never came (time-out, dropped
 *                                    connection, a 5xx from a gateway): before sending again, the
 *                                    user's newest requests (or the conversation) are searched for
 *                                    it, and nothing is sent while it might still be arriving
 *
 * What a search finds may be another form's result with the same text: every result is claimed by
 * one token only (lib/forms/submit-claims.ts), so a token never reports another form's reply or request
 * as its own and leaves its own text unsent.
 *
 * A clear refusal (4xx, 503) leaves no trace: the text was not taken, so the same token may send it.
 */

export type SubmitOutcome =
  /** Created or sent now (`repeat` false), or found from an earlier attempt (`repeat` true). */
  | { kind: 'done'; id: string; repeat: boolean }
  /** Another attempt with this token is still waiting for the help desk. */
  | { kind: 'in-flight' }
  /** An attempt timed out moments ago and its result has not shown up yet: it may still arrive. */
  | { kind: 'settling' }
  /** `unsure`: the help desk may have taken the text after all (the next attempt checks first). */
  | { kind: 'failed'; error: HelpdeskError; unsure: boolean }
  /** The shared state could not be reached, so nothing was sent. */
  | { kind: 'store-unavailable' };

export interface SubmitOnceOptions {
  store: SharedState;
  /** Tokens are scoped to the requester: nobody can look up what someone else's token produced. */
  requesterId: string;
  token: string;
  /** What every submission of the same text to the same place shares, whatever its token. */
  scope: string;
  /** Sends the write; resolves with the id of the request created or replied to. */
  send: () => Promise<string>;
  /**
   * The key of what a successful send made, when its id names it (a new request). Without it (a
   * reply: the answer does not name its comment) the success is remembered for its text instead,
   * and given its result when a search first sees it.
   */
  keyOfSent?: (id: string) => string;
  /** The results that could be an earlier attempt's, made at or after `since` (ms since the epoch), oldest first. */
  findEarlier: (since: number) => Promise<Found[]>;
  /** The help desk call time-out: it bounds the lock, the wait for another attempt, and settling. */
  timeoutMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const DAY_SECONDS = 24 * 3600;
const POLL_MS = 200;
/** The help desk's clock and ours may disagree, and it may store times to the second only. */
const CLOCK_SLACK_MS = 2 * 60_000;

interface Unsure {
  /** When the first unanswered attempt started. */
  since: number;
  /** Until when a timed-out attempt may still land; 0 when it cannot (a dropped connection). */
  settleUntil: number;
}

/** Whether a failed write may still have been applied by the help desk. */
export function mayHaveBeenApplied(error: HelpdeskError): boolean {
  if (error.code === 'timeout' || error.code === 'bad_response') return true;
  // No status means the connection broke after the request went out; a 503 means "not taken".
  if (error.code === 'unavailable') return !(error instanceof HelpdeskUnavailableError && error.status === 503);
  return false;
}

/** The shared state failed (Redis away): distinct from a help desk failure or a bug. */
class StoreUnavailable extends Error {}

function guarded(store: SharedState) {
  const wrap = <T>(operation: () => Promise<T>) =>
    operation().catch((error: unknown) => {
      throw new StoreUnavailable(error instanceof Error ? error.message : String(error));
    });
  return {
    get: (key: string) => wrap(() => store.get(key)),
    claim: (key: string, value: string, ttl: number) => wrap(() => store.claim(key, value, ttl)),
    set: (key: string, value: string, ttl: number) => wrap(() => store.set(key, value, ttl)),
    delete: (key: string) => wrap(() => store.delete(key)),
  };
}

export async function submitOnce(options: SubmitOnceOptions): Promise<SubmitOutcome> {
  try {
    return await attempt(options);
  } catch (error) {
    if (!(error instanceof StoreUnavailable)) throw error;
    console.warn(`[portico] form token store unavailable: ${error.message}`);
    return { kind: 'store-unavailable' };
  }
}

async function attempt(options: SubmitOnceOptions): Promise<SubmitOutcome> {
  const { send, findEarlier, keyOfSent, timeoutMs } = options;
  const store = guarded(options.store);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const base = `form:${options.requesterId}:${options.token}`;
  const keys = { lock: `${base}:lock`, done: `${base}:done`, unsure: `${base}:unsure` };
  const claims: ClaimContext = {
    store,
    requesterId: options.requesterId,
    token: options.token,
    scope: options.scope,
    slackMs: CLOCK_SLACK_MS,
    ttlSeconds: DAY_SECONDS,
    now,
    sleep,
  };
  // Long enough for a look-up plus a send, so a live attempt never loses its lock; a crashed one's expires.
  const lockSeconds = Math.ceil((2 * timeoutMs + 5_000) / 1000);

  const earlier = await store.get(keys.done);
  if (earlier) return { kind: 'done', id: earlier, repeat: true };

  // Wait for a concurrent attempt (a double click, a browser retry) rather than racing it.
  const waitUntil = now() + timeoutMs + 2_000;
  while (!(await store.claim(keys.lock, String(now()), lockSeconds))) {
    if (now() >= waitUntil) return { kind: 'in-flight' };
    await sleep(POLL_MS);
    const finished = await store.get(keys.done);
    if (finished) return { kind: 'done', id: finished, repeat: true };
  }

  try {
    const finished = await store.get(keys.done);
    if (finished) return { kind: 'done', id: finished, repeat: true };

    const unsureRaw = await store.get(keys.unsure);
    const unsure = unsureRaw ? (JSON.parse(unsureRaw) as Unsure) : null;
    if (unsure) {
      let candidates: Found[];
      try {
        candidates = await findEarlier(unsure.since - CLOCK_SLACK_MS);
      } catch (error) {
        // Without knowing whether the first attempt landed, sending again could duplicate it.
        if (error instanceof HelpdeskError) return { kind: 'failed', error, unsure: true };
        throw error;
      }
      const found = await claimEarlier(claims, candidates);
      if (found) {
        await store.set(keys.done, found.id, DAY_SECONDS);
        await store.delete(keys.unsure);
        return { kind: 'done', id: found.id, repeat: true };
      }
      if (now() < unsure.settleUntil) return { kind: 'settling' };
    }

    const startedAt = now();
    let id: string;
    try {
      id = await send();
    } catch (error) {
      if (!(error instanceof HelpdeskError)) throw error;
      const applied = mayHaveBeenApplied(error);
      if (applied) {
        const settleUntil = error.code === 'timeout' ? now() + timeoutMs : 0;
        await store.set(keys.unsure, JSON.stringify({ since: unsure?.since ?? startedAt, settleUntil } satisfies Unsure), DAY_SECONDS);
      }
      return { kind: 'failed', error, unsure: applied || unsure !== null };
    }
    // The help desk has the text: losing the memo of it must not turn that into an error.
    await Promise.all([
      store.set(keys.done, id, DAY_SECONDS),
      store.delete(keys.unsure),
      keyOfSent ? claimNamed(claims, keyOfSent(id)) : recordSent(claims, startedAt),
    ]).catch((error: Error) =>
      console.warn(`[portico] form token store unavailable after a write: ${error.message}`),
    );
    return { kind: 'done', id, repeat: false };
  } finally {
    await store.delete(keys.lock).catch(() => {});
  }
}
