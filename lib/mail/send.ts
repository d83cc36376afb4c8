import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getConfig } from '../platform/config';
import type { ComposedMail } from './sign-in-mail';

/**
 * Sends mail through the SMTP server of SMTP_URL (nodemailer; `smtps://` for TLS from the start,
 * `smtp://` upgrades with STARTTLS where the server offers it), from MAIL_FROM. One pooled
 * transport per process.
 */
const holder = globalThis as unknown as { __porticoMailer?: Transporter };

export class MailNotConfiguredError extends Error {
  readonly code = 'mail_not_configured';
}

function transport(): { mailer: Transporter; from: string } {
  const emailLink = getConfig().emailLink;
  if (!emailLink) throw new MailNotConfiguredError('SMTP_URL and MAIL_FROM are not set');
  holder.__porticoMailer ??= nodemailer.createTransport(emailLink.smtpUrl, {});
  return { mailer: holder.__porticoMailer, from: emailLink.from };
}

/** Sends one composed mail; nodemailer adds Date and Message-ID. Resolves once the server accepted it. */
export async function sendMail(mail: ComposedMail): Promise<void> {
  const { mailer, from } = transport();
  await mailer.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
}
