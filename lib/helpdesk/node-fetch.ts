/**
 * Node's own fetch, under Next's wrapper of it. Next replaces the global fetch with one that serves
 * its data cache: a trace span, a cache key, request de-duplication and a copy of every call's
 * options, then Node's fetch. A help desk call is one customer's and never cached (`no-store`), so
 * that work bought nothing (measured: about 4 % of a list view's CPU). Next keeps the original on
 * its wrapper as `_nextOriginalFetch`; outside Next (unit tests, scripts) the global is Node's own.
 * Looked up on each call: Next wraps the global only once its first page module loads.
 */
export function nodeFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const global = globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch };
  return (global._nextOriginalFetch ?? global)(input, init);
}
