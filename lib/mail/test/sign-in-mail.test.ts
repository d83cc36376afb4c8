import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { buildSandbox, DEFAULT_ADMIN } from '../../../sandbox/app';
import type { OutboxMessage } from '../../../sandbox/mail/outbox';
import { LOCALES } from '../../i18n/locales';
import { composeSignInMail, type SignInMailInput } from '../sign-in-mail';

const LINK = 'https://support.acme.example/login/link?token=abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123';
const input: SignInMailInput = { to: 'alice@example.com', name: 'Alice <Andersen>', link: LINK, locale: 'en', companyName: 'Acme Support', ttlSeconds: 900 };

test('both parts carry the greeting, the company, the link in full and its lifetime', () => {
  const mail = composeSignInMail(input);
  assert.equal(mail.subject, 'Your sign-in link for Acme Support');
  assert.match(mail.text, /^Hello Alice <Andersen>,\n/);
  assert.ok(mail.text.includes(`\n${LINK}\n`));
  assert.match(mail.text, /works once, for 15 minutes/);
  assert.match(mail.text, /— Acme Support/);
  // HTML: the name escaped, the link as the button and as text, nothing loaded from elsewhere.
  assert.ok(mail.html.includes('Hello Alice &lt;Andersen&gt;,'));
  assert.equal(mail.html.split(`href="${LINK}"`).length - 1, 2);
  assert.doesNotMatch(mail.html, /<img|<script|url\(|src=/i, 'no images, scripts or remote resources: no tracking');
  assert.deepEqual([...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]), [LINK, LINK], 'the portal link only');
  assert.equal(mail.headers['Auto-Submitted'], 'auto-generated');
});

test('in every language, from the catalog; without a company name, the catalog says who', () => {
  const subjects = new Set<string>();
  for (const locale of LOCALES) {
    const mail = composeSignInMail({ ...input, locale, companyName: null });
    subjects.add(mail.subject);
    assert.ok(mail.text.includes(LINK), locale);
    assert.match(mail.html, new RegExp(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`));
  }
  assert.equal(subjects.size, LOCALES.length, 'six different subjects');
  assert.equal(composeSignInMail({ ...input, locale: 'de', companyName: null }).subject, 'Ihr Anmeldelink für das Support-Portal');
  assert.match(composeSignInMail({ ...input, locale: 'de', ttlSeconds: 60 }).text, /1 Minute lang/);
});

/** Through a real SMTP server, the sandbox's: what arrives is a proper message. */
let sandbox: FastifyInstance;
let smtpPort: number;
let sandboxUrl: string;
before(async () => {
  sandbox = await buildSandbox({ dbPath: ':memory:', demo: false, smtp: { port: 0, host: '127.0.0.1' } });
  smtpPort = (sandbox as unknown as { sandboxSmtpPort: number }).sandboxSmtpPort;
  await sandbox.listen({ port: 0, host: '127.0.0.1' });
  sandboxUrl = `http://127.0.0.1:${(sandbox.server.address() as { port: number }).port}`;
});
after(() => sandbox.close());

test('sent with nodemailer: From, To, Subject, Date, Message-ID, a text and an HTML part', async () => {
  const mail = composeSignInMail({ ...input, locale: 'ja' });
  const mailer = nodemailer.createTransport(`smtp://127.0.0.1:${smtpPort}`);
  await mailer.sendMail({ from: 'Acme Support <support@acme.example>', to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
  mailer.close();
  const auth = `Basic ${Buffer.from(`${DEFAULT_ADMIN.email}:${DEFAULT_ADMIN.password}`).toString('base64')}`;
  const { messages } = (await (await fetch(`${sandboxUrl}/_sandbox/outbox.json?to=alice@example.com`, { headers: { authorization: auth } })).json()) as { messages: OutboxMessage[] };
  assert.equal(messages.length, 1);
  const [message] = messages;
  assert.equal(message!.from, '"Acme Support" <support@acme.example>');
  assert.equal(message!.to, 'alice@example.com');
  assert.equal(message!.subject, 'Acme Support のサインインリンク');
  assert.ok(message!.date && Math.abs(Date.parse(message!.date) - Date.now()) < 60_000);
  assert.match(message!.messageId ?? '', /^<.+@.+>$/);
  assert.match(message!.raw, /Content-Type: multipart\/alternative/i);
  assert.match(message!.raw, /Content-Type: text\/plain; charset=utf-8/i);
  assert.match(message!.raw, /Content-Type: text\/html; charset=utf-8/i);
  assert.ok(message!.text.includes(LINK));
  assert.ok(message!.html.includes(LINK));
  assert.deepEqual(message!.links, [LINK]);
  assert.equal(message!.headers['auto-submitted'], 'auto-generated');
});
