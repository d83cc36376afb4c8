import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config';
import { configProblems } from './config-problems';

const SECRET = 's'.repeat(32);
const AGENT = { HELPDESK_AGENT_EMAIL: 'agent@example.com', HELPDESK_AGENT_PASSWORD: 'agent-password' };
const MAIL = { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Acme Support <support@acme.example>', PORTAL_PUBLIC_URL: 'https://support.acme.example' };
const EMAIL_LINK = { SESSION_SECRET: SECRET, ...AGENT, ...MAIL, SIGN_IN_METHODS: 'password,email-link' };

test('SIGN_IN_METHODS: password by default, with sso when SSO_SECRET is set; no email link', () => {
  const plain = parseConfig({ SESSION_SECRET: SECRET });
  assert.deepEqual(plain.signInMethods, ['password']);
  assert.equal(plain.emailLink, null);
  assert.equal(plain.passwordResetUrl, null);
  assert.deepEqual(parseConfig({ SESSION_SECRET: SECRET, ...AGENT, SSO_SECRET: 'x'.repeat(32) }).signInMethods, ['password', 'sso']);
});

test('email-link with everything it needs: the settings, 15 minutes by default, the origin without a trailing slash', () => {
  const config = parseConfig(EMAIL_LINK);
  assert.deepEqual(config.signInMethods, ['password', 'email-link']);
  assert.deepEqual(config.emailLink, { ttlSeconds: 900, publicOrigin: 'https://support.acme.example', smtpUrl: MAIL.SMTP_URL, from: MAIL.MAIL_FROM });
  assert.equal(parseConfig({ ...EMAIL_LINK, EMAIL_LINK_TTL_SECONDS: '5' }).emailLink?.ttlSeconds, 5);
  assert.deepEqual(parseConfig({ ...EMAIL_LINK, SIGN_IN_METHODS: ' email-link ' }).signInMethods, ['email-link']);
  // v2 with either token.
  assert.ok(parseConfig({ SESSION_SECRET: SECRET, HELPDESK_API: 'v2', HELPDESK_OAUTH_TOKEN: 't'.repeat(20), ...MAIL, SIGN_IN_METHODS: 'email-link' }).emailLink);
  assert.ok(parseConfig({ SESSION_SECRET: SECRET, HELPDESK_API: 'v2', HELPDESK_API_TOKEN: 't'.repeat(20), ...MAIL, SIGN_IN_METHODS: 'email-link' }).emailLink);
});

test('email-link without what it needs stops start-up, naming each missing setting', () => {
  assert.deepEqual(configProblems({ SESSION_SECRET: SECRET, SIGN_IN_METHODS: 'email-link' }), [
    'SIGN_IN_METHODS offers email-link, which needs the on-behalf-of sign-in mode (a customer signing in by link gives no password): set HELPDESK_AGENT_EMAIL and HELPDESK_AGENT_PASSWORD',
    'SIGN_IN_METHODS offers email-link, which needs SMTP_URL (the mail server that sends the link)',
    'SIGN_IN_METHODS offers email-link, which needs MAIL_FROM (the sender of the link, e.g. Acme Support <support@acme.example>)',
    "SIGN_IN_METHODS offers email-link, which needs PORTAL_PUBLIC_URL (the portal's public origin, which the link points to)",
  ]);
  assert.deepEqual(configProblems({ SESSION_SECRET: SECRET, HELPDESK_API: 'v2', ...MAIL, SIGN_IN_METHODS: 'email-link' }), [
    'SIGN_IN_METHODS offers email-link, which needs the on-behalf-of sign-in mode (a customer signing in by link gives no password): set HELPDESK_API_TOKEN or HELPDESK_OAUTH_TOKEN',
  ]);
  assert.deepEqual(configProblems({ ...EMAIL_LINK, SMTP_URL: undefined }), ['SIGN_IN_METHODS offers email-link, which needs SMTP_URL (the mail server that sends the link)']);
});

test('wrong values are named', () => {
  assert.deepEqual(configProblems({ SESSION_SECRET: SECRET, SIGN_IN_METHODS: 'password,magic' }), ['SIGN_IN_METHODS names "magic": use password, email-link, sso, separated by commas']);
  assert.deepEqual(configProblems({ SESSION_SECRET: SECRET, SIGN_IN_METHODS: ',' }), ['SIGN_IN_METHODS must name at least one of password, email-link, sso']);
  assert.deepEqual(configProblems({ SESSION_SECRET: SECRET, SIGN_IN_METHODS: 'sso' }), ['SIGN_IN_METHODS offers sso, which needs SSO_SECRET']);
  assert.match(configProblems({ ...EMAIL_LINK, SMTP_URL: 'http://mail.example' })[0]!, /^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  assert.match(configProblems({ ...EMAIL_LINK, MAIL_FROM: 'not an address' })[0]!, /^MAIL_FROM must be an email address/);
  assert.match(configProblems({ ...EMAIL_LINK, MAIL_FROM: 'Evil\r\nBcc: x@y.z <a@b.c>' })[0]!, /^MAIL_FROM must be an email address/);
  assert.match(configProblems({ ...EMAIL_LINK, PORTAL_PUBLIC_URL: 'https://support.acme.example/portal' })[0]!, /^PORTAL_PUBLIC_URL must be an origin only/);
  assert.match(configProblems({ ...EMAIL_LINK, PORTAL_PUBLIC_URL: 'ftp://x.example' })[0]!, /^PORTAL_PUBLIC_URL must be the portal's public http\(s\) origin/);
  assert.match(configProblems({ ...EMAIL_LINK, EMAIL_LINK_TTL_SECONDS: '0' })[0]!, /^EMAIL_LINK_TTL_SECONDS /);
  assert.match(configProblems({ SESSION_SECRET: SECRET, HELPDESK_PASSWORD_RESET_URL: 'javascript:alert(1)' })[0]!, /^HELPDESK_PASSWORD_RESET_URL must be an http\(s\) URL/);
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, HELPDESK_PASSWORD_RESET_URL: 'https://help.example/reset' }).passwordResetUrl, 'https://help.example/reset');
});
