import 'server-only';
import type { Logger } from 'pino';
import { getHelpdesk, isHelpdeskError } from '../helpdesk';
import type { Locale } from '../i18n/locales';
import { sendMail } from '../mail/send';
import { composeSignInMail } from '../mail/sign-in-mail';
import { getConfig } from '../platform/config';
import { sharedState } from '../platform/shared-state';
import { clearEmailLinkMails, takeEmailLinkMail } from './email-link-limits';
import { issueLink, peekLink, redeemLink, type LinkLookup } from './email-link-token';
import { startSession } from './session';

/** The page a link opens: it asks for a click before signing in (app/login/link/). */
export const LINK_PATH = '/login/link';

/**
 * The part of asking for a link that runs after the answer has gone (`after()` in the action), so
 * the page and its timing are the same whether or not the help desk knows the email: counts the
 * email's mails, asks the help desk for the end user, stores a token and mails the link. Logs
 * what happened with a short outcome code, never the email, the token or the link; a failure is
 * logged with its code only (an SMTP server's message may quote the recipient).
 */
export async function sendSignInLink(request: { email: string; next: string; locale: Locale }, log: Logger): Promise<void> {
  const config = getConfig();
  const emailLink = config.emailLink;
  if (!emailLink) return;
  const outcome = (value: string, extra: Record<string, unknown> = {}) => log.info({ event: 'email_link', outcome: value, ...extra }, 'sign-in link asked for');
  try {
    if (!(await takeEmailLinkMail(request.email))) return outcome('email_limit');
    const requester = await getHelpdesk().findEndUser(request.email);
    if (!requester) return outcome('no_end_user');
    const token = await issueLink(
      sharedState(),
      { requester: { id: requester.id, name: requester.name, email: requester.email }, next: request.next, locale: request.locale },
      emailLink.ttlSeconds,
    );
    const link = `${emailLink.publicOrigin}${LINK_PATH}?${new URLSearchParams({ token })}`;
    await sendMail(composeSignInMail({ to: requester.email, name: requester.name, link, locale: request.locale, companyName: config.companyName, ttlSeconds: emailLink.ttlSeconds }));
    outcome('sent', { requesterId: requester.id });
  } catch (error) {
    const code = isHelpdeskError(error) ? error.code : typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'unknown';
    const responseCode = typeof error === 'object' && error !== null && 'responseCode' in error ? (error as { responseCode: unknown }).responseCode : undefined;
    log.warn({ event: 'email_link', outcome: 'failed', code, ...(responseCode ? { responseCode } : {}) }, 'sign-in link not sent');
  }
}

/** What the link is, without spending it (the confirmation page). */
export function lookUpLink(token: unknown): Promise<LinkLookup> {
  return peekLink(sharedState(), token);
}

/** Spends the link and signs its customer in on this browser, in the on-behalf-of mode. */
export async function signInWithLink(token: unknown): Promise<LinkLookup> {
  const found = await redeemLink(sharedState(), token);
  if (!found.ok) return found;
  await startSession(found.record.requester);
  // The owner is in: the mails counted against their email no longer hold new ones back.
  await clearEmailLinkMails(found.record.requester.email);
  return found;
}
