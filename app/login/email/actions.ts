'use server';

import { after } from 'next/server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { fieldIssue } from '@/lib/forms/field-issue';
import { isLocale } from '@/lib/i18n/locales';
import { PEER_HEADER } from '@/lib/platform/client-peer';
import { getConfig } from '@/lib/platform/config';
import { requestLogger } from '@/lib/platform/log';
import { takeClientLinkRequest } from '@/lib/session/email-link-limits';
import { sendSignInLink } from '@/lib/session/email-link';
import { clientAddress, retryWait } from '@/lib/session/login-limits';
import { safeNextPath } from '@/lib/session/safe-next-path';
import { fieldErrorsInWords } from '../../ui/forms/field-words';

const LinkRequestSchema = z.object({
  email: z.string().trim().min(1, fieldIssue('emailRequired')).max(254, fieldIssue('emailInvalid')).pipe(z.email(fieldIssue('emailInvalid'))),
});

export interface EmailLinkState {
  errors?: { email?: string[] };
  message?: string;
  /** What the customer typed, so a refused request doesn't empty the form. */
  values?: { email: string };
}

/**
 * "Email me a sign-in link". The answer is the same page for every email, known or not, and is
 * given before the help desk is asked: the look-up and the mail happen after the response has gone
 * (`after`), so neither the words nor the time tell who has an account. Only the per-client limit
 * answers differently, and it says nothing about the email.
 */
export async function requestEmailLink(_previous: EmailLinkState, formData: FormData): Promise<EmailLinkState> {
  const email = String(formData.get('email') ?? '');
  const next = safeNextPath(formData.get('next'));
  const t = await getTranslations();
  const config = getConfig();
  if (!config.emailLink) return { message: t('emailLink.off'), values: { email } };
  const parsed = LinkRequestSchema.safeParse({ email });
  if (!parsed.success) return { errors: fieldErrorsInWords(t, z.flattenError(parsed.error).fieldErrors), values: { email } };

  const requestHeaders = await headers();
  const client = clientAddress(requestHeaders.get(PEER_HEADER), requestHeaders.get('x-forwarded-for'), config.trustProxyHops);
  const gate = await takeClientLinkRequest(client);
  if (!gate.allowed) {
    const wait = retryWait(gate.retryAfterMs);
    return {
      message: wait.unit === 'seconds' ? t('emailLink.tooManySeconds', { seconds: wait.count }) : t('emailLink.tooManyMinutes', { minutes: wait.count }),
      values: { email },
    };
  }
  const locale = await getLocale();
  const log = await requestLogger();
  after(() => sendSignInLink({ email: parsed.data.email, next, locale: isLocale(locale) ? locale : 'en' }, log));
  redirect(`/login/email/sent?${new URLSearchParams({ next })}`);
}
