'use client';

import Link from 'next/link';
import { catchError, type ErrorInfo } from 'next/error';
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
  return (
    <Notice tone="error" title={`Your ${what} was not sent`}>
      <p>We couldn’t reach the portal, or your session has ended. Your text is kept in this browser and will be back in the form.</p>
      <p>
        <button type="button" className={buttons.secondary} onClick={() => reset()}>
          Try again
        </button>{' '}
        or <Link href={signInHref}>log in again</Link>.
      </p>
    </Notice>
  );
}

export const FormFailureBoundary = catchError(FormFailure);
