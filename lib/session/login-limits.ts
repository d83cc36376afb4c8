import 'server-only';
import { createHash } from 'node:crypto';
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { sharedState } from '../platform/shared-state';

/**
 * Failed sign-ins make guessing slow without letting a stranger lock a customer out:
 *
 * - per email *and* client pair: after PAIR_FREE failures the pair must wait FIRST_WAIT_SECONDS
 *   before its next try, and each further failure doubles the wait (15 s, 30 s, 1 min, … up to
 *   15 minutes). Only that client is held back on that email.
 * - per client (any emails, password spraying): the same, after CLIENT_FREE failures.
 * - per email (all clients, guessing spread over many addresses): never a refusal, only a delay
 *   before the help desk is asked, growing with the email's failures and capped at
 *   EMAIL_DELAY_CAP_MS, so the owner's right password from a clean client still gets in within a
 *   few seconds however hard the account is attacked.
 *
 * Counts last WINDOW_SECONDS from a key's first failure. A success clears its pair's and its
 * email's counts (not the client's: a sprayer with one valid account must not reset itself). A
 * held-back attempt never reaches the help desk. The counts live in the shared state, so every
 * portal instance and every worker sees the same ones (Redis when REDIS_URL is set, else the
 * primary process of `npm start`'s workers).
 */
export const WINDOW_SECONDS = 15 * 60;
export const PAIR_FREE = 5;
export const CLIENT_FREE = 20;
export const EMAIL_DELAY_FREE = 10;
export const EMAIL_DELAY_CAP_MS = 3_000;
export const FIRST_WAIT_SECONDS = 15;
const MAX_WAIT_SECONDS = WINDOW_SECONDS;

/** The key for a client no address could be found for: they share one budget. */
export const UNKNOWN_CLIENT = 'unknown-client';

/** How long a key must wait after its `failures`th failure: nothing before `free` of them. */
export function backoffSeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** Math.min(30, failures - free));
}

/** How long an attempt on an email with `failures` recent failures (from anywhere) is held. */
export function emailDelayMs(failures: number): number {
  if (failures <= EMAIL_DELAY_FREE) return 0;
  return Math.min(EMAIL_DELAY_CAP_MS, 100 * 2 ** Math.min(30, failures - EMAIL_DELAY_FREE - 1));
}

interface Limiters {
  /** Failure counts per key, over the window. */
  pairFailures: RateLimiterAbstract;
  clientFailures: RateLimiterAbstract;
  emailFailures: RateLimiterAbstract;
  /** Keys (pair or client) that must wait: blocked until their back-off ends. */
  waits: RateLimiterAbstract;
}

function makeLimiter(keyPrefix: string, limit: { points: number; duration: number }): RateLimiterAbstract {
  const state = sharedState();
  // A worker of `npm start` without Redis: the counts live in the primary process, which
  // scripts/serve.mjs gives rate-limiter-flexible's cluster master (lib/platform/primary-state.ts).
  if (state.backend === 'primary') return new RateLimiterCluster({ keyPrefix, ...limit, timeoutMs: 2_000 });
  const memory = new RateLimiterMemory({ keyPrefix, ...limit });
  // If Redis is unreachable the in-process count takes over, rather than letting every guess through.
  return state.redis ? new RateLimiterRedis({ storeClient: state.redis, keyPrefix, ...limit, insuranceLimiter: memory }) : memory;
}

const holder = globalThis as unknown as { __porticoLoginLimits?: Limiters };

function limiters(): Limiters {
  // Counters never refuse (penalty() only counts); `points` is just above any count that matters.
  const counter = { points: 1_000_000, duration: WINDOW_SECONDS };
  holder.__porticoLoginLimits ??= {
    pairFailures: makeLimiter('login-fail-pair', counter),
    clientFailures: makeLimiter('login-fail-client', counter),
    emailFailures: makeLimiter('login-fail-email', counter),
    waits: makeLimiter('login-wait', { points: 1, duration: MAX_WAIT_SECONDS }),
  };
  return holder.__porticoLoginLimits;
}

// Emails are hashed so the shared store never holds a list of who tried to sign in.
const emailKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
const pairKey = (email: string, client: string) => createHash('sha256').update(email.trim().toLowerCase()).update('\0').update(client).digest('base64url');
const clientKey = (client: string) => `client:${client}`;

/**
 * The client's address. `peer` is the TCP peer of the connection, which the client cannot forge
 * (instrumentation-node.ts puts it in an internal header on every request). With no proxy
 * (trustedHops 0) that is the client. Each trusted proxy appends the address it saw to
 * X-Forwarded-For, and the innermost proxy is the peer, so with N of them the client is the Nth
 * entry from the end of X-Forwarded-For (the (N+1)th of the chain with the peer appended);
 * anything further left was written by the client and is ignored.
 */
export function clientAddress(peer: string | null, forwardedFor: string | null, trustedHops: number): string {
  const entries = (forwardedFor ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  const socket = peer?.trim();
  if (!socket) {
    // No peer header (not served by `next start` with instrumentation): never trust what a client
    // wrote with no proxy; behind proxies, the Nth entry from the end is the best there is.
    return trustedHops === 0 ? UNKNOWN_CLIENT : (entries[Math.max(0, entries.length - trustedHops)] ?? UNKNOWN_CLIENT);
  }
  const chain = [...entries, socket];
  // Fewer entries than proxies: a hop did not append (misconfigured); the leftmost is the best guess.
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? UNKNOWN_CLIENT;
}

export type SignInGate = { allowed: true; delayMs: number } | { allowed: false; retryAfterMs: number };

/**
 * Whether this client may try this email now: refused only while the pair or the client waits
 * out a back-off. When allowed, `delayMs` is how long to hold the attempt (the email's guard).
 */
export async function checkSignIn(email: string, client: string): Promise<SignInGate> {
  const { waits, emailFailures } = limiters();
  const [pairWait, clientWait, emailCount] = await Promise.all([
    waits.get(pairKey(email, client)),
    waits.get(clientKey(client)),
    emailFailures.get(emailKey(email)),
  ]);
  const retryAfterMs = Math.max(...[pairWait, clientWait].map((res) => (res && res.consumedPoints > 1 ? res.msBeforeNext : 0)));
  if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
  return { allowed: true, delayMs: emailDelayMs(emailCount?.consumedPoints ?? 0) };
}

export async function recordFailedSignIn(email: string, client: string): Promise<void> {
  const { pairFailures, clientFailures, emailFailures, waits } = limiters();
  // penalty() counts without rejecting; the back-off, if any, starts now.
  const [pair, byClient] = await Promise.all([
    pairFailures.penalty(pairKey(email, client)),
    clientFailures.penalty(clientKey(client)),
    emailFailures.penalty(emailKey(email)),
  ]);
  const pairWait = backoffSeconds(pair.consumedPoints, PAIR_FREE);
  const clientWait = backoffSeconds(byClient.consumedPoints, CLIENT_FREE);
  await Promise.all([
    pairWait > 0 ? waits.block(pairKey(email, client), pairWait) : null,
    clientWait > 0 ? waits.block(clientKey(client), clientWait) : null,
  ]);
}

export async function recordSuccessfulSignIn(email: string, client: string): Promise<void> {
  const { pairFailures, emailFailures, waits } = limiters();
  await Promise.all([pairFailures.delete(pairKey(email, client)), waits.delete(pairKey(email, client)), emailFailures.delete(emailKey(email))]);
}

/**
 * How long until the next sign-in may be tried, as the form says it: in seconds under a minute,
 * else in minutes rounded up. Numbers only; the words are the catalog's (login.tooMany…).
 */
export function retryWait(retryAfterMs: number): { unit: 'seconds' | 'minutes'; count: number } {
  if (retryAfterMs < 60_000) return { unit: 'seconds', count: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  return { unit: 'minutes', count: Math.ceil(retryAfterMs / 60_000) };
}
