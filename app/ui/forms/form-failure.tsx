'use client';

import Link from 'next/link';
import { catchError, type ErrorInfo } from 'next/error';
import { useTranslations } from 'next-intl';
import buttons from '../buttons.module.css';
import { Notice } from '../notice';

/**
 * When a form's action fails in a way the action itself cannot answer (the portal unreachable,
 * the session cookie gone so the request is turned away before the action runs, an answer that
 * is not an action's), this replaces the form instead of the whole page going to the error page.
 * The text is safe in the browser's draft, so "Try again" brings the form back with it filled in.
 * catchError lets Next's own redirects (a successful submit) pass through.
 */
function FormFailure({ what, signInHref }: { what: 'request' | 'reply'; signInHref: string }, { reset }: ErrorInfo) {
  return <FormFailureNotice what={what} signInHref={signInHref} reset={reset} />;
}

function FormFailureNotice({ what, signInHref, reset }: { what: 'request' | 'reply'; signInHref: string; reset: () => void }) {
  const t = useTranslations('forms');
  return (
    <Notice tone="error" title={t('notSentTitle', { what })}>
      <p>{t('notSentBody')}</p>
      <p>
        {t.rich('notSentActions', {
          retry: (chunks) => (
            <button type="button" className={buttons.secondary} onClick={() => reset()}>
              {chunks}
            </button>
          ),
          signIn: (chunks) => <Link href={signInHref}>{chunks}</Link>,
        })}
      </p>
    </Notice>
  );
}

export const FormFailureBoundary = catchError(FormFailure);
