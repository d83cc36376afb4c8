// Searching an end user's own requests, the same for both dialects: the query read and checked,
// matched against the search index (store/search.ts) for this requester only, the page's tickets
// loaded, and each one's snippet. The routes (routes/requests.ts, v2/requests.ts) only read their
// dialect's parameters and write their dialect's answer.
import type { SandboxContext } from './context';
import { ftsMatch, MAX_QUERY_LENGTH } from './search-query';
import type { SearchOrder } from './store/search';
import type { LoadedTicket } from './store/tickets';
import type { UserRow } from './store/users';

export interface SearchPage {
  total: number;
  items: LoadedTicket[];
  /** Ticket id → a plain-text excerpt of its public conversation where the words matched. */
  snippets: ReadonlyMap<number, string>;
}

/** The `query` parameter: required, at most MAX_QUERY_LENGTH characters; `fail` makes the dialect's 400. */
export function readQuery(raw: unknown, fail: (message: string) => Error): string {
  if (Array.isArray(raw)) throw fail('query is given more than once');
  if (typeof raw !== 'string' || raw.trim() === '') throw fail('query is required: the words to search for');
  if (raw.length > MAX_QUERY_LENGTH) throw fail(`query is too long (at most ${MAX_QUERY_LENGTH} characters)`);
  return raw;
}

export function searchRequests(
  ctx: SandboxContext,
  user: UserRow,
  query: string,
  page: { statuses: readonly number[]; order: SearchOrder; limit: number; offset: number },
): SearchPage {
  const match = ftsMatch(user.id, query);
  // Only punctuation: nothing to look for, so nothing found.
  if (match === null) return { total: 0, items: [], snippets: new Map() };
  const { total, ids } = ctx.search.find(match, page.statuses, page.order, page.limit, page.offset);
  return { total, items: ctx.tickets.loadMany(ids), snippets: ctx.search.snippets(match, ids) };
}
