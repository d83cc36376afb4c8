import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PageInfo } from '@/lib/helpdesk';
import { listHref, type ListView } from './list-view';
import styles from './requests.module.css';

/**
 * How many requests the page shows, in a status region that stays in place from one view to the
 * next, so a screen reader hears the new count after a search or a filter (also after a client
 * navigation, which keeps the element and changes its words).
 */
export async function ListSummary({ view, page, searching }: { view: ListView; page: PageInfo | null; searching: boolean }) {
  const t = await getTranslations();
  /** "17 requests, page 2 of 2" or "3 requests match “printer”", as far as the help desk tells. */
  const countWords = (info: PageInfo, query: string | null): string => {
    if (info.total === null) return info.hasNext || info.hasPrevious ? t('requests.pageOnly', { page: info.number }) : '';
    const pages = info.pageCount ?? 1;
    if (query === null) return pages > 1 ? t('requests.countPaged', { total: info.total, page: info.number, pages }) : t('requests.count', { total: info.total });
    if (info.total === 0) return t('listFilters.noMatchesHeading', { query });
    return pages > 1 ? t('listFilters.matchCountPaged', { total: info.total, query, page: info.number, pages }) : t('listFilters.matchCount', { total: info.total, query });
  };
  return (
    <p className={styles.count} role="status">
      {page ? countWords(page, searching ? view.q : null) : ''}
    </p>
  );
}

/** Nothing here: no such page, no match, or no requests in this status yet; each says what to do next. */
export async function EmptyList({ view, page, searching }: { view: ListView; page: PageInfo | null; searching: boolean }) {
  const t = await getTranslations();
  // A page that cannot exist, or past the last one: say so, and offer page 1 of the same list.
  if (page === null || (page.number > 1 && page.total !== 0)) {
    const asked = page === null ? (view.rawPage ?? '').slice(0, 20) : String(page.number);
    return (
      <div className={styles.empty}>
        <p>{t('listFilters.noSuchPage', { page: asked })}</p>
        <Link href={listHref(view, { page: 1 })}>{t('requests.firstPage')}</Link>
      </div>
    );
  }
  if (searching) {
    return (
      <div className={styles.empty}>
        <h2>{t('listFilters.noMatchesHeading', { query: view.q })}</h2>
        <p>{t('listFilters.noMatchesBody', { status: view.status })}</p>
        <p className={styles.emptyActions}>
          <Link href={listHref(view, { q: '' })}>{t('listFilters.clearSearch')}</Link>
          {view.status !== 'all' ? <Link href={listHref(view, { status: 'all' })}>{t('listFilters.searchAll')}</Link> : null}
        </p>
      </div>
    );
  }
  return (
    <div className={styles.empty}>
      <h2>{t('requests.emptyHeading', { status: view.status })}</h2>
      <p>{t('requests.emptyBody', { status: view.status })}</p>
      <Link href="/requests/new" className={styles.newButton}>
        {t('requests.createNew')}
      </Link>
    </div>
  );
}
