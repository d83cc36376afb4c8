'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getConfig } from '@/lib/platform/config';
import { getHelpdesk, HelpdeskUnauthorizedError, isHelpdeskError } from '@/lib/helpdesk';
import { safeNextPath } from '@/lib/session/safe-next-path';
import { fieldIssue } from '@/lib/forms/field-issue';
import { checkSignIn, clientAddress, recordFailedSignIn, recordSuccessfulSignIn, retryWait } from '@/lib/session/login-limits';
import { PEER_HEADER } from '@/lib/platform/client-peer';
import { endAllSessions } from '@/lib/session/revocation';
import { endCurrentSession, getSession, startSession } from '@/lib/session/session';
import { holdFor, padToMinimum } from '@/lib/session/sign-in-timing';
import { fieldErrorsInWords } from '../ui/forms/field-words';
import { helpdeskErrorMessage } from '../ui/helpdesk-messages';
import type { Translator } from '@/lib/i18n/translator';

const LoginSchema = z.object({
  email: z.string().trim().min(1, fieldIssue('emailRequired')).pipe(z.email(fieldIssue('emailInvalid'))),
  password: z.string().min(1, fieldIssue('passwordRequired')).max(1024, fieldIssue('passwordTooLong')),
});

export interface LoginState {
  errors?: { email?: string[]; password?: string[] };
  message?: string;
  /** What the user typed, so a failed attempt doesn't empty the form. Never the password. */
  values?: { email: string };
  /** Held back by the failed sign-in limits: the form offers the email link, where there is one. */
  lockedOut?: boolean;
}


export async function logIn(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const startedAt = Date.now();
  const email = String(formData.get('email') ?? '');
  const next = safeNextPath(formData.get('next'));
  const t = await getTranslations();
  const parsed = LoginSchema.safeParse({ email, password: formData.get('password') ?? '' });
  if (!parsed.success) {
    return { errors: fieldErrorsInWords(t, z.flattenError(parsed.error).fieldErrors), values: { email } };
  }

  const { trustProxyHops, signInMethods } = getConfig();
  if (!signInMethods.includes('password')) return { message: t('login.passwordOff'), values: { email } };
  const requestHeaders = await headers();
  const client = clientAddress(requestHeaders.get(PEER_HEADER), requestHeaders.get('x-forwarded-for'), trustProxyHops);
  const gate = await checkSignIn(parsed.data.email, client);
  if (!gate.allowed) {
    await padToMinimum(startedAt);
    return { message: tooManyFailures(t, gate.retryAfterMs), values: { email }, lockedOut: true };
  }
  // An email under attack from many addresses: every attempt on it waits a little (a few seconds
  // at most), the owner's too, but nobody is refused.
  await holdFor(gate.delayMs);

  try {
    // The help desk is the judge of the password: the portal stores no accounts of its own.
    const helpdesk = getHelpdesk();
    const requester = await helpdesk.whoAmI(helpdesk.passwordCredentials(parsed.data.email, parsed.data.password));
    await recordSuccessfulSignIn(parsed.data.email, client);
    await startSession(requester, helpdesk.signInMode === 'end-user' ? parsed.data.password : undefined);
  } catch (error) {
    if (error instanceof HelpdeskUnauthorizedError) {
      await recordFailedSignIn(parsed.data.email, client);
      await padToMinimum(startedAt);
      // One answer for an unknown email and a wrong password, so the form doesn't reveal who has an account.
      return { message: t('login.noMatch'), values: { email } };
    }
    if (isHelpdeskError(error)) return { message: helpdeskErrorMessage(t, error), values: { email } };
    throw error;
  }
  redirect(next);
}

function tooManyFailures(t: Translator, retryAfterMs: number): string {
  const wait = retryWait(retryAfterMs);
  return wait.unit === 'seconds' ? t('login.tooManySeconds', { seconds: wait.count }) : t('login.tooManyMinutes', { minutes: wait.count });
}

/** Ends this session, also in any copy of its cookie, and clears the cookie here. */
export async function logOut(): Promise<void> {
  await endCurrentSession({ clearCookie: true });
  redirect('/login?signedOut=1');
}

/** Ends every session of this customer, on every device and browser, this one included. */
export async function logOutEverywhere(): Promise<void> {
  const session = await getSession();
  if (session.requester) await endAllSessions(session.requester.id, getConfig().sessionTtlSeconds);
  await endCurrentSession({ clearCookie: true });
  redirect('/login?signedOut=all');
}
