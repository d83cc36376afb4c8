import type { RequestListStatus, RequestListView, RequestSort } from '@/lib/helpdesk';

/**
 * What My requests shows, read from its URL (`/requests?q=…&status=…&sort=…&page=…`) and written
 * back into every link and form on it, so reload, back, bookmarks and shared links show the same.
 * Defaults stay out of the URL, except `status` (old links say `?status=solved`, and the tabs
 * always said which one they are).
 */

export const STATUSES = ['open', 'pending', 'solved', 'all'] as const satisfies readonly RequestListStatus[];
/** Whose requests: the customer's own (the default), those they are copied on, their organization's. */
export const VIEWS = ['mine', 'ccd', 'organization'] as const satisfies readonly RequestListView[];
export const SORTS = ['updated-desc', 'updated-asc', 'created-desc', 'created-asc'] as const;
export type SortKey = (typeof SORTS)[number];

/** The longest search the page sends to the help desk: a few words, not a document. */
export const MAX_QUERY_CHARS = 200;

export interface ListView {
  /** Whose requests (`view`, left out of the URL for the customer's own). */
  view: RequestListView;
  /** The search as typed, trimmed; '' when not searching. */
  q: string;
  status: RequestListStatus;
  sort: SortKey;
  /** 1-based; null when the URL names a page that cannot exist (not a whole number from 1). */
  page: number | null;
  /** The `page` parameter as given, to say which page does not exist. */
  rawPage: string | null;
}

type Params = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

export function readListView(params: Params): ListView {
  const status = one(params.status);
  const view = one(params.view);
  const sort = one(params.sort);
  const rawPage = one(params.page) ?? null;
  // Control characters (a NUL, a line break pasted in) are spaces in a search box.
  const q = (one(params.q) ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  // An unknown view is the customer's own: it is a link's mistake, and the tabs say which applies.
  const whose = VIEWS.find((v) => v === view) ?? 'mine';
  return {
    view: whose,
    // Only the customer's own requests are searched (the help desks' search is the requester's).
    q: whose === 'mine' ? q : '',
    // An unknown status or order is the default: it is a link's mistake, and the page shows which applies.
    status: STATUSES.find((s) => s === status) ?? 'open',
    sort: SORTS.find((s) => s === sort) ?? 'updated-desc',
    page: rawPage === null ? 1 : /^\d{1,9}$/.test(rawPage) && Number(rawPage) >= 1 ? Number(rawPage) : null,
    rawPage,
  };
}

export function toSort(key: SortKey): RequestSort {
  const [by, direction] = key.split('-') as [RequestSort['by'], RequestSort['direction']];
  return { by, direction };
}

/** Whether the search is too long to send (the page says so and keeps the text in the box). */
export const queryTooLong = (q: string) => Array.from(q).length > MAX_QUERY_CHARS;

/**
 * The URL of this view with some of it changed. Changing the search, a filter or the order starts
 * again at page 1 (a page number means nothing in another list); only `page` keeps the rest.
 */
export function listHref(
  view: Pick<ListView, 'q' | 'status' | 'sort'> & Partial<Pick<ListView, 'view'>>,
  change: Partial<{ view: RequestListView; q: string; status: RequestListStatus; sort: SortKey; page: number }> = {},
): string {
  const next = { ...view, ...change };
  const query = new URLSearchParams();
  // Another list is searched in no help desk: its links and forms carry no search.
  const whose = next.view ?? 'mine';
  if (whose !== 'mine') query.set('view', whose);
  else if (next.q !== '') query.set('q', next.q);
  query.set('status', next.status);
  if (next.sort !== 'updated-desc') query.set('sort', next.sort);
  if (change.page !== undefined && change.page > 1) query.set('page', String(change.page));
  return `/requests?${query}`;
}
