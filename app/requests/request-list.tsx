import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PageInfo, RequestListStatus, RequestPage } from '@/lib/helpdesk';
import { RelativeTime } from '../ui/relative-time';
import { StatusBadge } from '../ui/status-badge';
import { RequestLink } from './request-link';
import { requestTitle } from './request-title';
import styles from './requests.module.css';

export async function RequestList({ page: { requests, page }, status, firstPageHref }: { page: RequestPage; status: RequestListStatus; firstPageHref: string }) {
  const t = await getTranslations('requests');
  const untitled = (id: string) => t('untitled', { id });
  if (requests.length === 0) {
    if (page.number > 1 && page.total !== 0) {
      return (
        <div className={styles.empty}>
          <p>{t('nothingOnPage', { page: page.number })}</p>
          <Link href={firstPageHref}>{t('firstPage')}</Link>
        </div>
      );
    }
    return (
      <div className={styles.empty}>
        <h2>{t('emptyHeading', { status })}</h2>
        <p>{t('emptyBody', { status })}</p>
        <Link href="/requests/new" className={styles.newButton}>
          {t('createNew')}
        </Link>
      </div>
    );
  }

  return (
    <>
      <p className={styles.count} aria-live="polite">
        {countWords(t, page)}
      </p>
      <ul className={styles.list}>
        {requests.map((request) => {
          // Awaiting the customer's reply: said in words on the row and with the link's name (a
          // screen reader going from link to link hears it), and marked at the row's edge.
          const awaitingYou = request.status === 'pending';
          const statusId = `status-${request.id}`;
          return (
            <li key={request.id} className={awaitingYou ? `${styles.row} ${styles.awaitingYou}` : styles.row}>
              <RequestLink id={request.id} className={styles.title} dir="auto" aria-describedby={awaitingYou ? statusId : undefined}>
                {requestTitle(request, untitled)}
              </RequestLink>
              <div className={styles.meta}>
                <span className={styles.number}>#{request.id}</span>
                <StatusBadge status={request.status} id={awaitingYou ? statusId : undefined} filled={awaitingYou} />
                <RelativeTime iso={request.updatedAt} label="updated" />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** "17 requests, page 2 of 2" as far as the help desk tells; just "Page 2" when it gives no totals. */
function countWords(t: Awaited<ReturnType<typeof getTranslations<'requests'>>>, page: PageInfo): string {
  if (page.total !== null) {
    return page.pageCount !== null && page.pageCount > 1
      ? t('countPaged', { total: page.total, page: page.number, pages: page.pageCount })
      : t('count', { total: page.total });
  }
  return page.hasNext || page.hasPrevious ? t('pageOnly', { page: page.number }) : '';
}
