import { createHash, randomBytes } from 'node:crypto';
import type { Requester } from '../helpdesk/types';
import type { Locale } from '../i18n/locales';

/**
 * The one-time sign-in links of the email link (README: "Sign-in methods"). A link carries 32
 * random bytes; the shared state keeps only their SHA-256 under `email-link:<hash>`, so neither a
 * copy of Redis nor a log line can be turned into a working link. A link signs in once: the first
 * use claims `email-link-used:<hash>` (one SET NX, so two instances cannot both win), and its
 * record stays a day past its expiry, so an old link says "expired" or "already used" rather than
 * "not valid". A changed character finds no record: "not valid".
 */
export interface LinkStore {
  claim(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

/** What a link was made for; the requester as the help desk named them when it was sent. */
export interface LinkRecord {
  requester: Pick<Requester, 'id' | 'name' | 'email'>;
  /** Where to go after signing in: already a safe portal path (lib/session/safe-next-path.ts). */
  next: string;
  locale: Locale;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** How long a record outlives its link, so the page can say "expired" instead of "not valid". */
export const KEEP_AFTER_EXPIRY_SECONDS = 24 * 3600;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
const recordKey = (token: string) => `email-link:${hashOf(token)}`;
const usedKey = (token: string) => `email-link-used:${hashOf(token)}`;

/** A new link's token, stored (hashed) with what it signs in to. */
export async function issueLink(store: LinkStore, link: Omit<LinkRecord, 'expiresAt'>, ttlSeconds: number, now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const record: LinkRecord = { ...link, expiresAt: now + ttlSeconds * 1000 };
  await store.set(recordKey(token), JSON.stringify(record), ttlSeconds + KEEP_AFTER_EXPIRY_SECONDS);
  return token;
}

export type LinkProblem = 'invalid' | 'expired' | 'used';
/** A link that no longer works still knows where it was going (`next`), so a new one can go there too. */
export type LinkLookup = { ok: true; record: LinkRecord } | { ok: false; problem: LinkProblem; next?: string };

/** What the link is, without using it up (the confirmation page: a mail scanner's visit spends nothing). */
export async function peekLink(store: LinkStore, token: unknown, now = Date.now()): Promise<LinkLookup> {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return { ok: false, problem: 'invalid' };
  const [raw, used] = await Promise.all([store.get(recordKey(token)), store.get(usedKey(token))]);
  const record = raw === null ? null : readRecord(raw);
  if (!record) return { ok: false, problem: 'invalid' };
  if (used !== null) return { ok: false, problem: 'used', next: record.next };
  if (record.expiresAt <= now) return { ok: false, problem: 'expired', next: record.next };
  return { ok: true, record };
}

/** Uses the link up: ok for the first use only, on every instance. */
export async function redeemLink(store: LinkStore, token: unknown, now = Date.now()): Promise<LinkLookup> {
  const found = await peekLink(store, token, now);
  if (!found.ok) return found;
  const claimed = await store.claim(usedKey(token as string), '1', Math.ceil((found.record.expiresAt - now) / 1000) + KEEP_AFTER_EXPIRY_SECONDS);
  return claimed ? found : { ok: false, problem: 'used', next: found.record.next };
}

function readRecord(raw: string): LinkRecord | null {
  try {
    const value = JSON.parse(raw) as LinkRecord;
    return typeof value?.expiresAt === 'number' && typeof value.requester?.id === 'string' ? value : null;
  } catch {
    return null;
  }
}
