import Link from 'next/link';
import type { PageInfo, RequestListStatus, RequestPage } from '@/lib/helpdesk';
import { RelativeTime } from '../ui/relative-time';
import { StatusBadge } from '../ui/status-badge';
import { requestTitle } from './request-title';
import styles from './requests.module.css';

export function RequestList({ page: { requests, page }, status, firstPageHref }: { page: RequestPage; status: RequestListStatus; firstPageHref: string }) {
  if (requests.length === 0) {
    if (page.number > 1 && page.total !== 0) {
      return (
        <div className={styles.empty}>
          <p>There is nothing on page {page.number}.</p>
          <Link href={firstPageHref}>Go to the first page</Link>
        </div>
      );
    }
    return (
      <div className={styles.empty}>
        <h2>{status === 'open' ? 'You have no open requests' : 'You have no solved requests yet'}</h2>
        <p>{status === 'open' ? 'Need help with something? Tell us about it and we’ll get back to you.' : 'Requests we have solved for you will appear here.'}</p>
        <Link href="/requests/new" className={styles.newButton}>
          Create a new request
        </Link>
      </div>
    );
  }

  return (
    <>
      <p className={styles.count} aria-live="polite">
        {countWords(page)}
      </p>
      <ul className={styles.list}>
        {requests.map((request) => (
          <li key={request.id} className={styles.row}>
            <Link href={`/requests/${request.id}`} className={styles.title}>
              {requestTitle(request)}
            </Link>
            <div className={styles.meta}>
              <span className={styles.number}>#{request.id}</span>
              <StatusBadge status={request.status} />
              <RelativeTime iso={request.updatedAt} prefix="Updated" />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** "17 requests, page 2 of 2" as far as the help desk tells; just "Page 2" when it gives no totals. */
function countWords(page: PageInfo): string {
  const of = page.pageCount !== null && page.pageCount > 1 ? `, page ${page.number} of ${page.pageCount}` : '';
  if (page.total !== null) return `${page.total === 1 ? '1 request' : `${page.total} requests`}${of}`;
  return page.hasNext || page.hasPrevious ? `Page ${page.number}` : '';
}
