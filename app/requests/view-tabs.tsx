import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { RequestListView } from '@/lib/helpdesk';
import { listHref, type ListView } from './list-view';
import styles from './requests.module.css';

/**
 * Whose requests the list shows: the customer's own, those they are copied on, and (only for a
 * customer in an organization that shares its requests, as the session learnt at sign-in) their
 * organization's. Links that keep the status and the order and start again at page 1, so it works
 * without JavaScript and each list is its own URL.
 */
export async function ViewTabs({ view, views }: { view: ListView; views: readonly RequestListView[] }) {
  const t = await getTranslations();
  if (views.length < 2) return null;
  return (
    <nav aria-label={t('requestViews.label')} className={styles.tabs}>
      {views.map((whose) => (
        <Link key={whose} href={listHref(view, { view: whose })} aria-current={view.view === whose ? 'page' : undefined}>
          {t('requestViews.view', { view: whose })}
        </Link>
      ))}
    </nav>
  );
}
