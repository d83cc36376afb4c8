import Link from 'next/link';
import type { RequestListStatus, RequestPage } from '@/lib/helpdesk';
import { RelativeTime } from '../ui/relative-time';
import { StatusBadge } from '../ui/status-badge';
import styles from './requests.module.css';

export function RequestList({ page, status, firstPageHref }: { page: RequestPage; status: RequestListStatus; firstPageHref: string }) {
  if (page.requests.length === 0) {
    if (page.page > 1 && page.total > 0) {
      return (
        <div className={styles.empty}>
          <p>There is nothing on page {page.page}.</p>
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
        {page.total === 1 ? '1 request' : `${page.total} requests`}
        {page.pageCount > 1 ? `, page ${page.page} of ${page.pageCount}` : ''}
      </p>
      <ul className={styles.list}>
        {page.requests.map((request) => (
          <li key={request.id} className={styles.row}>
            <Link href={`/requests/${request.id}`} className={styles.title}>
              {request.title}
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
