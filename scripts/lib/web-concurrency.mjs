// How many portal workers `npm start` runs: WEB_CONCURRENCY, or one per core.
import os from 'node:os';

export const MAX_WORKERS = 64;

/**
 * The number of workers WEB_CONCURRENCY asks for (unset or empty: one per core). Throws an Error
 * whose message names the variable, the allowed values and what it got, for anything else.
 */
export function workerCount(env = process.env, cores = os.availableParallelism()) {
  const raw = (env.WEB_CONCURRENCY ?? '').trim();
  if (raw === '') return cores;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_WORKERS) {
    throw new Error(
      `[portico] WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WORKERS}: how many portal worker processes to run (unset: one per core, ${cores} on this machine). It is "${raw}".`,
    );
  }
  return n;
}
