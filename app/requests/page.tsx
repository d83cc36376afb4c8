import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getHelpdesk, type PageInfo, type RequestMatch, type RequestSummary } from '@/lib/helpdesk';
import { readHelpdesk } from '@/lib/session/read-helpdesk';
import { requireCaller } from '@/lib/session/session';
import { HelpdeskProblem } from '../ui/helpdesk-problem';
import { EmptyList, ListSummary } from './list-summary';
import { listHref, MAX_QUERY_CHARS, queryTooLong, readListView, toSort } from './list-view';
import { searchTerms } from './match-words';
import { Pagination } from './pagination';
import { RequestList } from './request-list';
import styles from './requests.module.css';
import { SearchForm } from './search-form';
import { StatusTabs } from './status-tabs';
import { Notice } from '../ui/notice';
import { ViewTabs } from './view-tabs';
import type { RequestListView } from '@/lib/helpdesk';

/** The lists a customer has: their own; with a help desk that has them, those they are copied on and their shared organization's. */
function availableViews(sharedLists: boolean, inSharedOrganization: boolean): RequestListView[] {
  if (!sharedLists) return ['mine'];
  return inSharedOrganization ? ['mine', 'ccd', 'organization'] : ['mine', 'ccd'];
}

export async function generateMetadata({ searchParams }: PageProps<'/requests'>): Promise<Metadata> {
  const t = await getTranslations();
  const { q } = readListView(await searchParams);
  // A search has its own title, so history and bookmarks tell searches apart.
  return { title: q !== '' && !queryTooLong(q) ? t('listFilters.searchTitle', { query: q }) : t('requests.title') };
}

/**
 * My requests: one page of the customer's requests in a status, in an order, or those matching
 * their search; everything in the URL (list-view.ts). One help desk call per view, none when the
 * URL asks for what cannot be shown (a page that cannot exist, a search too long to send).
 */
export default async function RequestsPage({ searchParams }: PageProps<'/requests'>) {
  const view = readListView(await searchParams);
  const t = await getTranslations();
  const helpdesk = getHelpdesk();
  const canSearch = helpdesk.capabilities.search;
  const searching = canSearch && view.q !== '';
  const tooLong = searching && queryTooLong(view.q);
  const here = listHref(view, view.page === null ? {} : { page: view.page });
  const { caller, requester } = await requireCaller(here);
  const lastPage = searching ? helpdesk.lastPage.search : helpdesk.lastPage.list;
  const possible = view.page !== null && view.page <= lastPage;
  // Which lists this customer has, from the session (sign-in learnt the organization): no call.
  const views = availableViews(helpdesk.capabilities.sharedLists, requester.organization?.sharedTickets === true);
  const unavailable = !views.includes(view.view);

  const options = { view: view.view, status: view.status, sort: toSort(view.sort), page: view.page ?? 1 };
  const result =
    tooLong || !possible || unavailable
      ? null
      : await readHelpdesk<{ requests: (RequestSummary | RequestMatch)[]; page: PageInfo }>(
          () => (searching ? helpdesk.searchRequests(caller, { ...options, query: view.q }) : helpdesk.listRequests(caller, options)),
          here,
        );
  const queryProblem = tooLong ? t('listFilters.queryTooLong', { max: MAX_QUERY_CHARS, count: Array.from(view.q).length }) : null;
  const shown = result?.ok ? result.value : null;

  return (
    <>
      <div className={styles.heading}>
        <h1 id="requests-heading">{t('requests.heading')}</h1>
        <Link href="/requests/new" className={styles.newButton}>
          {t('requests.newButton')}
        </Link>
      </div>
      <ViewTabs view={view} views={views} />
      <StatusTabs view={view} />
      <SearchForm view={view} canSearch={canSearch && view.view === 'mine'} queryProblem={queryProblem} />
      {unavailable ? <Notice tone="info">{t('requestViews.unavailable', { view: view.view })}</Notice> : null}
      <ListSummary view={view} page={shown?.page ?? null} searching={searching} />
      {result && !result.ok ? <HelpdeskProblem error={result.error} retryHref={here} /> : null}
      {!tooLong && !unavailable && (result === null || shown?.requests.length === 0) ? <EmptyList view={view} page={possible ? (shown?.page ?? null) : null} searching={searching} /> : null}
      {shown && shown.requests.length > 0 ? (
        <>
          <RequestList requests={shown.requests} terms={searching ? searchTerms(view.q) : null} />
          <Pagination page={shown.page} hrefFor={(page) => listHref(view, { page })} />
        </>
      ) : null}
    </>
  );
}
