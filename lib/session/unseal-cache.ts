/**
 * Session cookies already opened by this process, so a page view does not unseal the same cookie
 * again: iron-session derives two keys with PBKDF2 and checks an HMAC on every unseal, a tenth of
 * a list view's CPU (README, "What a page costs").
 *
 * Safe to share between customers because the key is the sealed value itself: only a request
 * carrying that exact cookie can hit its entry, and it gets what unsealing that cookie would give.
 * What it does not replace: whether the session was ended (log-out, a password change, "sign out
 * everywhere") is still looked up in the shared state on every request (lib/session/session.ts);
 * the cache only skips the cryptography. An entry lives no longer than the seal's own expiry (the
 * time iron-session writes into the seal, covered by its HMAC) and never more than MAX_AGE_MS,
 * and belongs to the secrets it was opened with: another secret (a rotation) starts afresh.
 * Entries are copies: a request that changes its session (sign-in, log-out) changes only its own.
 */
import type { SessionData } from './session';

export const MAX_ENTRIES = 2_000;
export const MAX_AGE_MS = 10 * 60_000;

interface Entry {
  /** The session as JSON: each hit gets its own object. */
  json: string;
  expiresAt: number;
}

export class UnsealCache {
  private entries = new Map<string, Entry>();
  private secrets = '';

  constructor(private readonly now: () => number = Date.now) {}

  /** The session sealed in `sealed` under `secrets`, when this process has opened it and it has not expired. */
  get(sealed: string, secrets: string): SessionData | undefined {
    if (secrets !== this.secrets) return undefined;
    const entry = this.entries.get(sealed);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(sealed);
      return undefined;
    }
    return JSON.parse(entry.json) as SessionData;
  }

  /** Keeps what unsealing `sealed` under `secrets` gave; only a signed-in session is worth keeping. */
  remember(sealed: string, secrets: string, data: SessionData): void {
    if (!data.requester) return;
    const sealExpiry = sealExpiresAt(sealed);
    const expiresAt = Math.min(sealExpiry ?? Infinity, this.now() + MAX_AGE_MS);
    if (expiresAt <= this.now()) return;
    if (secrets !== this.secrets) {
      this.entries = new Map();
      this.secrets = secrets;
    }
    // Oldest first out: a Map keeps insertion order.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const { requester, password, signedInAt, sid } = data;
    this.entries.set(sealed, { json: JSON.stringify({ requester, password, signedInAt, sid }), expiresAt });
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The expiry iron-session wrote into a seal (`Fe26.2*id*salt*iv*data*EXPIRY*salt*hmac~2`), in ms;
 * null when it has none (a session without a TTL). Read only from a seal that has just been opened,
 * so the HMAC has vouched for it.
 */
export function sealExpiresAt(sealed: string): number | null {
  const expiry = sealed.split('~')[0]?.split('*')[5] ?? '';
  return /^\d+$/.test(expiry) ? Number(expiry) : null;
}
