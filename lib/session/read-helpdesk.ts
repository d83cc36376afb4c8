import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { getHelpdesk } from '../helpdesk';
import { HelpdeskError, HelpdeskNotFoundError, HelpdeskUnauthorizedError } from '../helpdesk/errors';
import { requestLogger } from '../platform/log';
import { signInHref } from './safe-next-path';
import { endCurrentSession } from './session';

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: HelpdeskError };

/**
 * How every page reads from the help desk: a missing request is a 404 page, credentials the help
 * desk no longer accepts send the user to sign in again, and any other help desk failure comes
 * back as a value so the page can say what happened instead of crashing.
 */
export async function readHelpdesk<T>(load: () => Promise<T>, returnTo: string): Promise<ReadResult<T>> {
  let outcome: ReadResult<T> | 'not-found' | 'unauthorized';
  try {
    outcome = { ok: true, value: await load() };
  } catch (error) {
    if (error instanceof HelpdeskNotFoundError) outcome = 'not-found';
    else if (error instanceof HelpdeskUnauthorizedError) outcome = 'unauthorized';
    else if (error instanceof HelpdeskError) outcome = { ok: false, error };
    else throw error;
  }
  // notFound() and redirect() work by throwing, so they stay outside the try.
  if (outcome === 'not-found') notFound();
  if (outcome === 'unauthorized') {
    // End-user mode: the customer's password no longer works (changed at the help desk). Sending
    // it again on every page would count as wrong passwords against their help desk account, so
    // the session ends here and /login/ended clears the cookie. (In the on-behalf-of mode a 401
    // is about the portal's agent account, not this customer: their session stays.)
    if (getHelpdesk().signInMode === 'end-user') {
      await endCurrentSession({ clearCookie: false });
      redirect(`/login/ended?${new URLSearchParams({ next: returnTo })}`);
    }
    redirect(signInHref(returnTo, { expired: true }));
  }
  if (!outcome.ok) {
    // What a customer saw, next to the help desk call's own line (same request id): count these.
    const log = await requestLogger();
    log.warn({ event: 'helpdesk_problem_shown', code: outcome.error.code, page: returnTo.replace(/[?#].*$/, '') }, 'page shows a help desk problem');
  }
  return outcome;
}
