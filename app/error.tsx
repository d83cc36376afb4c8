'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import formStyles from './ui/forms/forms.module.css';
import styles from './ui/message-page.module.css';

/** The last resort for anything unexpected: say so plainly and offer a way on. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className={styles.page} role="alert">
      <h1>Something went wrong</h1>
      <p>We couldn’t show this page. This is on our side, not yours. Please try again in a moment.</p>
      <p className={styles.actions}>
        <button type="button" className={formStyles.primary} onClick={() => reset()}>
          Try again
        </button>
        <Link href="/requests">Go to My requests</Link>
      </p>
      {error.digest ? <p className={styles.reference}>Reference: {error.digest}</p> : null}
    </div>
  );
}
