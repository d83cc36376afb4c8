'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Notice } from '../notice';

/**
 * A form's one error message, above its fields, and a way back in when the session has ended.
 * Both forms show it the same way, whether the words came from the server or from the browser.
 */
export function FormMessage({ message, signInHref }: { message?: string | null; signInHref?: string }) {
  const t = useTranslations('forms');
  if (!message) return null;
  return (
    <Notice tone="error">
      <p>{message}</p>
      {signInHref ? (
        <p>
          <Link href={signInHref}>{t('logInAgain')}</Link>
        </p>
      ) : null}
    </Notice>
  );
}
