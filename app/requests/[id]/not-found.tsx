import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '../../ui/message-page.module.css';

export const metadata: Metadata = { title: 'Request not found' };

/** The same page for a request that doesn't exist and one that belongs to someone else. */
export default function RequestNotFound() {
  return (
    <div className={styles.page}>
      <h1>Request not found</h1>
      <p>There is no request with that number among yours. It may have been deleted, or the link may be wrong.</p>
      <p>
        <Link href="/requests">See all my requests</Link> or <Link href="/requests/new">create a new request</Link>.
      </p>
    </div>
  );
}
