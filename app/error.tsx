'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import formStyles from './ui/forms/forms.module.css';
import styles from './ui/message-page.module.css';

/** The last resort for anything unexpected: say so plainly and offer a way on. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errorPage');
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className={styles.page} role="alert">
      <h1>{t('heading')}</h1>
      <p>{t('body')}</p>
      <p className={styles.actions}>
        <button type="button" className={formStyles.primary} onClick={() => reset()}>
          {t('tryAgain')}
        </button>
        <Link href="/requests">{t('goToRequests')}</Link>
      </p>
      {error.digest ? <p className={styles.reference}>{t('reference', { digest: error.digest })}</p> : null}
    </div>
  );
}
