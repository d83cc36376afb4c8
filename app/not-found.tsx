import type { Metadata } from 'next';
import Link from 'next/link';
import styles from './ui/message-page.module.css';

export const metadata: Metadata = { title: 'Not found' };

export default function NotFound() {
  return (
    <div className={styles.page}>
      <h1>We can’t find that page</h1>
      <p>The address may be mistyped, or the page may have moved.</p>
      <p>
        <Link href="/requests">Go to My requests</Link>
      </p>
    </div>
  );
}
