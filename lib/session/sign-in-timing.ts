/**
 * A failed sign-in always takes at least this long, whatever failed: an unknown email and a wrong
 * password must not be told apart by how fast the answer comes (the help desk may skip hashing for
 * an unknown account), nor a blocked attempt by coming back instantly. Well above a help desk's
 * usual answer time, short enough not to annoy someone who mistyped.
 */
export const FAILED_SIGN_IN_MIN_MS = 600;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `minMs` have passed since `startedAt`; returns how long it waited. */
export async function padToMinimum(startedAt: number, minMs = FAILED_SIGN_IN_MIN_MS, now = Date.now, sleep = wait): Promise<number> {
  const remaining = startedAt + minMs - now();
  if (remaining <= 0) return 0;
  await sleep(remaining);
  return remaining;
}

/** Holds a sign-in attempt for `ms` (the per-email guard of lib/session/login-limits.ts); 0 returns at once. */
export async function holdFor(ms: number, sleep = wait): Promise<void> {
  if (ms > 0) await sleep(ms);
}
