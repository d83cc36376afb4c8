// The two ways v2 lists page, as the help desk's Pagination reference describes:
//   offset: ?page=2&per_page=50  -> next_page, previous_page (full URLs or null), count
//   cursor: ?page[size]=50 (&page[after]=c | &page[before]=c)
//           -> meta {has_more, after_cursor, before_cursor}, links {next, prev}
// Lists here are one user's requests or one ticket's comments, so they are
// sorted in memory and sliced; cursors are opaque to clients.
import type { FastifyRequest } from 'fastify';
import { V2Error } from './errors';

export const MAX_PER_PAGE = 100;

export type PageRequest =
  | { kind: 'offset'; page: number; perPage: number }
  | { kind: 'cursor'; size: number; after?: string; before?: string };

/** A listed item: its id and the value it is sorted by (ties go by id). */
export interface Keyed {
  id: number;
  key: number;
}

const invalid = (msg: string) => new V2Error(400, 'InvalidPaginationParameter', msg);

function str(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalid(`${name} is given more than once`);
  return v;
}

function whole(raw: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw invalid(`${name} must be a whole number from ${min} to ${max}`);
  return Number(raw);
}

export function readPaging(query: Record<string, unknown>): PageRequest {
  const size = str(query, 'page[size]');
  const after = str(query, 'page[after]');
  const before = str(query, 'page[before]');
  const page = str(query, 'page');
  const perPage = str(query, 'per_page');
  if (size !== undefined || after !== undefined || before !== undefined) {
    if (page !== undefined) throw invalid('page and page[size] are mutually exclusive: use offset or cursor pagination, not both');
    if (after !== undefined && before !== undefined) throw invalid('page[after] and page[before] cannot be given together');
    return { kind: 'cursor', size: size === undefined ? MAX_PER_PAGE : whole(size, 'page[size]', 1, MAX_PER_PAGE), after, before };
  }
  return {
    kind: 'offset',
    page: page === undefined ? 1 : whole(page, 'page', 1, Number.MAX_SAFE_INTEGER),
    perPage: perPage === undefined ? MAX_PER_PAGE : whole(perPage, 'per_page', 1, MAX_PER_PAGE),
  };
}

const encodeCursor = (k: Keyed) => Buffer.from(`${k.key}.${k.id}`, 'utf8').toString('base64url');

function decodeCursor(raw: string): Keyed {
  const m = /^(\d+)\.(\d+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!m) throw invalid('The cursor is not valid: use after_cursor or before_cursor from a previous page');
  return { key: Number(m[1]), id: Number(m[2]) };
}

/** The page's own URL with the paging parameters replaced; brackets kept literal, as in the reference. */
function pageUrl(req: FastifyRequest, base: string, paging: Record<string, string>): string {
  const [path = '', rawQuery = ''] = (req.raw.url ?? '').split('?', 2);
  const drop = new Set(['page', 'page[size]', 'page[after]', 'page[before]', ...Object.keys(paging)]);
  const kept = rawQuery.split('&').filter((p) => p !== '' && !drop.has(decodeURIComponent(p.split('=')[0] ?? '')));
  const added = Object.entries(paging).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return `${base}${path}?${[...kept, ...added].join('&')}`;
}

/**
 * The offset paging fields of a page whose items were sliced elsewhere (a search in SQL): `count`
 * is every match, `reachable` how many of them paging can reach (a search stops at 1,000).
 */
export function offsetFields(req: FastifyRequest, base: string, paging: { page: number; perPage: number }, count: number, reachable = count): Record<string, unknown> {
  const { page, perPage } = paging;
  const link = (p: number) => pageUrl(req, base, { page: String(p), per_page: String(perPage) });
  return {
    next_page: page * perPage < Math.min(count, reachable) ? link(page + 1) : null,
    previous_page: page > 1 ? link(page - 1) : null,
    count,
  };
}

export interface Paged<T> {
  items: T[];
  /** The paging fields to merge into the answer. */
  fields: Record<string, unknown>;
}

/** One page of `all`, already sorted by (key, id) in `order`. */
export function paginate<T extends Keyed>(req: FastifyRequest, base: string, all: T[], order: 'asc' | 'desc', paging: PageRequest): Paged<T> {
  if (paging.kind === 'offset') {
    const { page, perPage } = paging;
    const start = (page - 1) * perPage;
    const link = (p: number) => pageUrl(req, base, { page: String(p), per_page: String(perPage) });
    return {
      items: all.slice(start, start + perPage),
      fields: {
        next_page: start + perPage < all.length ? link(page + 1) : null,
        previous_page: page > 1 ? link(page - 1) : null,
        count: all.length,
      },
    };
  }
  const sign = order === 'asc' ? 1 : -1;
  const cmp = (a: Keyed, b: Keyed) => sign * (a.key - b.key || a.id - b.id);
  let start = 0;
  let end: number;
  if (paging.before !== undefined) {
    const c = decodeCursor(paging.before);
    end = all.findIndex((x) => cmp(x, c) >= 0);
    if (end === -1) end = all.length;
    start = Math.max(0, end - paging.size);
  } else {
    if (paging.after !== undefined) {
      const c = decodeCursor(paging.after);
      start = all.findIndex((x) => cmp(x, c) > 0);
      if (start === -1) start = all.length;
    }
    end = Math.min(all.length, start + paging.size);
  }
  const items = all.slice(start, end);
  const first = items[0];
  const last = items[items.length - 1];
  const moreAfter = end < all.length;
  const moreBefore = start > 0;
  const size = String(paging.size);
  return {
    items,
    fields: {
      meta: {
        has_more: paging.before !== undefined ? moreBefore : moreAfter,
        after_cursor: last ? encodeCursor(last) : null,
        before_cursor: first ? encodeCursor(first) : null,
      },
      links: {
        next: last && moreAfter ? pageUrl(req, base, { 'page[size]': size, 'page[after]': encodeCursor(last) }) : null,
        prev: first && moreBefore ? pageUrl(req, base, { 'page[size]': size, 'page[before]': encodeCursor(first) }) : null,
      },
    },
  };
}
