import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { listHref, STATUSES, type ListView } from './list-view';
import styles from './requests.module.css';

/**
 * The status filter: one link per status, keeping the search and the order and starting again at
 * page 1. Links, so it works without JavaScript and each is its own URL.
 */
export async function StatusTabs({ view }: { view: ListView }) {
  const t = await getTranslations();
  return (
    <nav aria-label={t('requests.tabs')} className={styles.tabs}>
      {STATUSES.map((status) => (
        <Link key={status} href={listHref(view, { status })} aria-current={view.status === status ? 'page' : undefined}>
          {t('listFilters.status', { status })}
        </Link>
      ))}
    </nav>
  );
}
