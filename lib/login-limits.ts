import 'server-only';
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { sharedState } from './shared-state';

/**
 * Failed sign-ins are limited per email (guessing one account's password) and per client
 * (trying one password on many accounts). Only failures count, a success clears its email's count,
 * and a blocked attempt never reaches the help desk. The counts live in the shared state, so every
 * portal instance sees the same ones (Redis when REDIS_URL is set).
 */
export const PER_EMAIL = { points: 5, duration: 15 * 60 } as const;
export const PER_CLIENT = { points: 20, duration: 15 * 60 } as const;

/** The key for a client no address could be found for: they share one budget. */
export const UNKNOWN_CLIENT = 'unknown-client';

interface Limiters {
  email: RateLimiterAbstract;
  client: RateLimiterAbstract;
}

function makeLimiter(keyPrefix: string, limit: { points: number; duration: number }): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, ...limit });
  const redis = sharedState().redis;
  // If Redis is unreachable the in-process count takes over, rather than letting every guess through.
  return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, ...limit, insuranceLimiter: memory }) : memory;
}

const holder = globalThis as unknown as { __porticoLoginLimits?: Limiters };

function limiters(): Limiters {
  holder.__porticoLoginLimits ??= { email: makeLimiter('login-fail-email', PER_EMAIL), client: makeLimiter('login-fail-client', PER_CLIENT) };
  return holder.__porticoLoginLimits;
}

// Emails are hashed so the shared store never holds a list of who tried to sign in.
const emailKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');

/**
 * The client's address from X-Forwarded-For. `next start` fills that header from the socket when
 * a request arrives without one, so with no proxy (trustedHops 0) the last entry is the peer. Each
 * trusted proxy appends the address it saw, so with N of them the Nth entry from the end is the
 * address the outermost one saw; anything further left was written by the client and is ignored.
 * A client that forges the header directly only picks its own bucket: the per-email limit holds.
 */
export function clientAddress(forwardedFor: string | null, trustedHops: number): string {
  const entries = (forwardedFor ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return UNKNOWN_CLIENT;
  return entries[Math.max(0, entries.length - Math.max(1, trustedHops))] ?? UNKNOWN_CLIENT;
}

export type SignInGate = { allowed: true } | { allowed: false; retryAfterMs: number };

export async function checkSignIn(email: string, client: string): Promise<SignInGate> {
  const { email: byEmail, client: byClient } = limiters();
  const [emailCount, clientCount] = await Promise.all([byEmail.get(emailKey(email)), byClient.get(client)]);
  const waits = [
    emailCount && emailCount.consumedPoints >= PER_EMAIL.points ? emailCount.msBeforeNext : 0,
    clientCount && clientCount.consumedPoints >= PER_CLIENT.points ? clientCount.msBeforeNext : 0,
  ];
  const retryAfterMs = Math.max(...waits);
  return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
}

export async function recordFailedSignIn(email: string, client: string): Promise<void> {
  const { email: byEmail, client: byClient } = limiters();
  // penalty() counts without rejecting: the next checkSignIn decides.
  await Promise.all([byEmail.penalty(emailKey(email)), byClient.penalty(client)]);
}

export async function recordSuccessfulSignIn(email: string): Promise<void> {
  await limiters().email.delete(emailKey(email));
}

export function tooManyFailuresMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}
