// The classic API's list and search parameters (sandbox extensions, sandbox/README.md): which
// statuses, in which order. Every value is one of a few fixed words; anything else is a 400 that
// says what is accepted, so a client's mistake shows instead of being ignored.
import { badRequest } from './errors';
import { STATUS, type ListOrder } from './store/tickets';
import type { SearchOrder } from './store/search';

const STATUS_SETS: Record<string, readonly number[]> = {
  // Everything not yet solved: what the seed's `GET /requests` lists.
  open: [STATUS.new, STATUS.open, STATUS.pending],
  // Waiting for the customer ("awaiting your reply").
  pending: [STATUS.pending],
  solved: [STATUS.solved, STATUS.closed],
  all: [STATUS.new, STATUS.open, STATUS.pending, STATUS.solved, STATUS.closed],
};

function word(query: Record<string, unknown>, name: string, allowed: readonly string[]): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !allowed.includes(raw)) throw badRequest(`${name} must be ${allowed.map((a) => `"${a}"`).join(', ')} (or left out)`);
  return raw;
}

/** `?status=open|pending|solved|all`; left out: open. */
export function classicStatuses(query: Record<string, unknown>): readonly number[] {
  return STATUS_SETS[word(query, 'status', Object.keys(STATUS_SETS)) ?? 'open']!;
}

/** `?sort-by=updated-at|created-at&sort-order=desc|asc`; left out: newest update first. */
export function classicListOrder(query: Record<string, unknown>): ListOrder {
  const by = word(query, 'sort-by', ['updated-at', 'created-at']) ?? 'updated-at';
  const direction = (word(query, 'sort-order', ['desc', 'asc']) ?? 'desc') as ListOrder['direction'];
  return { by: by === 'created-at' ? 'created_at' : 'updated_at', direction };
}

/** As classicListOrder, plus `sort-by=relevance` (best match first; sort-order does not apply). */
export function classicSearchOrder(query: Record<string, unknown>): SearchOrder {
  if (query['sort-by'] === 'relevance') {
    word(query, 'sort-order', ['desc', 'asc']);
    return { by: 'relevance' };
  }
  if (query['sort-by'] !== undefined) word(query, 'sort-by', ['updated-at', 'created-at', 'relevance']);
  return classicListOrder(query);
}
