// How much heap each of `npm start`'s workers may keep: WORKER_HEAP_MB, given to V8 as the worker's
// --max-old-space-size. Without a cap V8 sizes a worker's heap from the machine's memory (about
// 4 GiB here) and, once 50 concurrent renders have grown it, keeps what it grew: about 390 MiB
// resident per worker through a 10-minute 50-connection soak. With a cap it collects sooner instead.
// The young generation keeps V8's size for an uncapped heap (see youngGenerationFlag): a cap would
// otherwise shrink it too, and every young collection would come sooner, on every view.

/**
 * The cap when the variable is unset: two workers stayed at 211 and 217 MiB resident (224 at the
 * highest) after a 10-minute run at 50 connections, for 0.6 ms more CPU a view than no cap (README,
 * "Memory after a 10-minute run"); the bar is under 250 MB.
 */
export const DEFAULT_WORKER_HEAP_MB = 192;
export const MIN_WORKER_HEAP_MB = 64;
export const MAX_WORKER_HEAP_MB = 65_536;
/** V8's own semi-space size for a large heap (16 MB on 64-bit), which a capped heap would otherwise lower. */
export const SEMI_SPACE_MB = 16;

/**
 * The cap WORKER_HEAP_MB asks for, in MB: unset or empty gives the default, `0` no cap (V8's own
 * sizing, null). Throws an Error whose message names the variable, the allowed values and what it
 * got, for anything else.
 */
export function workerHeapMb(env = process.env) {
  const raw = (env.WORKER_HEAP_MB ?? '').trim();
  if (raw === '') return DEFAULT_WORKER_HEAP_MB;
  const n = Number(raw);
  if (/^\d+$/.test(raw) && n === 0) return null;
  if (!/^\d+$/.test(raw) || n < MIN_WORKER_HEAP_MB || n > MAX_WORKER_HEAP_MB) {
    throw new Error(
      `[portico] WORKER_HEAP_MB must be a whole number of megabytes from ${MIN_WORKER_HEAP_MB} to ${MAX_WORKER_HEAP_MB}, or 0 for no cap: the most heap each portal worker may keep (unset: ${DEFAULT_WORKER_HEAP_MB}). It is "${raw}".`,
    );
  }
  return n;
}

/** The V8 flags a worker starts with for a cap of `mb` (null: none, V8 decides). */
export function workerHeapFlags(mb) {
  if (mb === null) return [];
  return [`--max-old-space-size=${mb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`];
}
