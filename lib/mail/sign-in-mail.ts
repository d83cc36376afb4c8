import { createTranslator } from 'use-intl/core';
import { textDirection, type Locale } from '../i18n/locales';
import ar from '../i18n/messages/ar.json';
import de from '../i18n/messages/de.json';
import en from '../i18n/messages/en.json';
import es from '../i18n/messages/es.json';
import fr from '../i18n/messages/fr.json';
import ja from '../i18n/messages/ja.json';

const catalogs = { en, de, fr, es, ja, ar } satisfies Record<Locale, typeof en>;

/** A mail as nodemailer takes it: the words in both parts, and headers that say it is automatic. */
export interface ComposedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface SignInMailInput {
  to: string;
  name: string;
  /** The portal's public origin + the link's path: never built from a request's Host header. */
  link: string;
  locale: Locale;
  /** PORTAL_COMPANY_NAME, or null: the catalog's words for "the support portal". */
  companyName: string | null;
  ttlSeconds: number;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The sign-in link's mail in the customer's language (the catalog's `mail` words, nothing written
 * here), as plain text and as HTML. No images, no remote styles, no tracking pixels or redirecting
 * links: the one link is the portal's own, shown in full in both parts so it can be checked and copied.
 */
export function composeSignInMail(input: SignInMailInput): ComposedMail {
  const t = createTranslator({ locale: input.locale, messages: catalogs[input.locale], namespace: 'mail' });
  const company = input.companyName ?? t('defaultCompany');
  const minutes = Math.max(1, Math.round(input.ttlSeconds / 60));
  const subject = t('signInSubject', { company });
  const lines = {
    greeting: t('greeting', { name: input.name }),
    intro: t('signInIntro', { company }),
    button: t('signInButton'),
    expiry: t('signInExpiry', { minutes }),
    ignore: t('signInIgnore'),
    signature: t('signature', { company }),
  };
  const text = [lines.greeting, '', lines.intro, '', input.link, '', lines.expiry, lines.ignore, '', lines.signature, ''].join('\n');
  const dir = textDirection(input.locale);
  const link = escapeHtml(input.link);
  const html = `<!doctype html>
<html lang="${input.locale}" dir="${dir}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328;">
<p>${escapeHtml(lines.greeting)}</p>
<p>${escapeHtml(lines.intro)}</p>
<p><a href="${link}" style="display: inline-block; padding: 10px 16px; background: #0b57d0; color: #ffffff; border-radius: 6px; text-decoration: none;">${escapeHtml(lines.button)}</a></p>
<p style="word-break: break-all;"><a href="${link}">${link}</a></p>
<p>${escapeHtml(lines.expiry)} ${escapeHtml(lines.ignore)}</p>
<p>${escapeHtml(lines.signature)}</p>
</body>
</html>
`;
  return {
    to: input.to,
    subject,
    text,
    html,
    // An automatic message (RFC 3834): out-of-office replies and auto-responders leave it alone.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  };
}
