import type { Caller, RequestFieldSet } from './types';

/**
 * The help desk's field and form definitions, kept for a short while: they change rarely, and a
 * page that shows answers must not cost a call for them each time. The end-user view of them is
 * the same for every customer, so one copy serves all; a miss asks the help desk as the caller.
 * Misses at the same time share one call; a failed call is not kept (the next use asks again).
 */
export interface FieldCache {
  get(caller: Caller): Promise<RequestFieldSet>;
}

export function createFieldCache(load: (caller: Caller) => Promise<RequestFieldSet>, ttlSeconds: () => number, now: () => number = Date.now): FieldCache {
  let kept: { value: RequestFieldSet; until: number } | null = null;
  let loading: Promise<RequestFieldSet> | null = null;
  return {
    get(caller) {
      if (kept && now() < kept.until) return Promise.resolve(kept.value);
      loading ??= load(caller).then(
        (value) => {
          kept = { value, until: now() + ttlSeconds() * 1000 };
          loading = null;
          return value;
        },
        (error: unknown) => {
          loading = null;
          throw error;
        },
      );
      return loading;
    },
  };
}

/**
 * Both definition calls, ended before either result counts: a failed one does not leave the other
 * still running (its answer would land after the page moved on). Rejects with the first failure.
 */
export async function settled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}
