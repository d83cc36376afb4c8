/**
 * Who owns what the help desk holds, when a form token has to look for its own earlier result
 * (lib/forms/submit-once.ts). The same text is often sent more than once on purpose ("Thanks!", "Any
 * news?"), so "a reply with this text, made lately" may well be another form's: every result found
 * is claimed by exactly one token, and a token only ever takes a result nobody else claimed.
 *
 *   form:<requester>:claim:<key>    the token that owns this result (a request, a reply's comment)
 *   form:<requester>:sent:<scope>   the sends that succeeded with this text (`scope`) without the
 *                                   help desk naming what they made (a reply's answer does not name
 *                                   its comment); each is given its comment the first time a search
 *                                   sees it, before any unsure token may take one
 */

/** A result an earlier attempt may have produced, as the help desk shows it. */
export interface Found {
  /** Unique among everything this requester can find: a request's id; a reply's request, time and place. */
  key: string;
  /** Where the form goes: the request created, or the one replied to. */
  id: string;
  /** When the help desk says it was made, in ms since the epoch. */
  at: number;
}

/** A send that succeeded without naming its result, in the portal's clock. */
interface Sent {
  token: string;
  from: number;
  to: number;
  /** The key of the result it was given, once a search has seen it. */
  found?: string;
}

export interface ClaimStore {
  get(key: string): Promise<string | null>;
  claim(key: string, value: string, ttl: number): Promise<boolean>;
  set(key: string, value: string, ttl: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface ClaimContext {
  store: ClaimStore;
  requesterId: string;
  /** The submission (form token and text) claiming. */
  token: string;
  /** What every submission of this same text, to the same place, shares. */
  scope: string;
  /** How far the help desk's clock may be from ours. */
  slackMs: number;
  ttlSeconds: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const LOCK_SECONDS = 10;
const LOCK_WAIT_MS = 5_000;
const POLL_MS = 50;

const claimKey = (c: ClaimContext, key: string) => `form:${c.requesterId}:claim:${key}`;
const sentKey = (c: ClaimContext) => `form:${c.requesterId}:sent:${c.scope}`;

/** Claims `key` for `token`; true when it is now, or already was, that token's. */
async function claimFor(c: ClaimContext, key: string, token: string): Promise<boolean> {
  if (await c.store.claim(claimKey(c, key), token, c.ttlSeconds)) return true;
  return (await c.store.get(claimKey(c, key))) === token;
}

/** Runs `work` alone among the sends and searches of this text (a few shared-state calls long). */
async function withSentLock<T>(c: ClaimContext, work: () => Promise<T>): Promise<T> {
  const lock = `${sentKey(c)}:lock`;
  const giveUpAt = c.now() + LOCK_WAIT_MS;
  let held = false;
  while (!(held = await c.store.claim(lock, c.token, LOCK_SECONDS)) && c.now() < giveUpAt) await c.sleep(POLL_MS);
  try {
    return await work();
  } finally {
    if (held) await c.store.delete(lock).catch(() => {});
  }
}

async function readSent(c: ClaimContext): Promise<Sent[]> {
  const raw = await c.store.get(sentKey(c));
  const oldest = c.now() - c.ttlSeconds * 1000;
  return raw ? (JSON.parse(raw) as Sent[]).filter((s) => s.to >= oldest) : [];
}

/** A successful send whose result the help desk did not name: it owns one of the results found later. */
export async function recordSent(c: ClaimContext, from: number): Promise<void> {
  await withSentLock(c, async () => {
    const sent = await readSent(c);
    sent.push({ token: c.token, from, to: c.now() });
    await c.store.set(sentKey(c), JSON.stringify(sent), c.ttlSeconds);
  });
}

/** A successful send whose result the help desk named (a new request's id): it is this token's. */
export async function claimNamed(c: ClaimContext, key: string): Promise<void> {
  await c.store.set(claimKey(c, key), c.token, c.ttlSeconds);
}

/**
 * This token's result among `candidates` (oldest first), or null. Sends known to have succeeded
 * take theirs first, each the oldest unclaimed result made while it ran; then this token takes
 * the oldest result nobody has claimed.
 */
export async function claimEarlier(c: ClaimContext, candidates: Found[]): Promise<Found | null> {
  for (const found of candidates) if ((await c.store.get(claimKey(c, found.key))) === c.token) return found;
  await withSentLock(c, async () => {
    const sent = await readSent(c);
    let changed = false;
    for (const other of sent) {
      if (other.found || other.token === c.token) continue;
      for (const found of candidates) {
        if (found.at < other.from - c.slackMs || found.at > other.to + c.slackMs) continue;
        if (await claimFor(c, found.key, other.token)) {
          other.found = found.key;
          changed = true;
          break;
        }
      }
    }
    if (changed) await c.store.set(sentKey(c), JSON.stringify(sent), c.ttlSeconds);
  });
  for (const found of candidates) if (await claimFor(c, found.key, c.token)) return found;
  return null;
}
