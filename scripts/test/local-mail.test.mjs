// What `npm start` adds for the bundled sandbox's mail, so the email link works out of the box.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOCAL_OAUTH_TOKEN, localEmailLinkEnv, outboxLine, sandboxSmtpPort } from '../lib/local-mail.mjs';

test('the sandbox mail server, the sender, the public origin and the credential the link needs: what lib/platform/config.ts asks of email-link', () => {
  const classic = localEmailLinkEnv({});
  assert.deepEqual(classic, {
    SIGN_IN_METHODS: 'password,email-link',
    SMTP_URL: 'smtp://127.0.0.1:4085',
    MAIL_FROM: 'Portico sandbox <support@example.com>',
    PORTAL_PUBLIC_URL: 'http://localhost:3000',
    HELPDESK_AGENT_EMAIL: 'agent@example.com',
    HELPDESK_AGENT_PASSWORD: 'agent-password',
  });
  const v2 = localEmailLinkEnv({ HELPDESK_API: 'v2', PORT: '3005', SANDBOX_PORT: '5000' });
  assert.equal(v2.HELPDESK_OAUTH_TOKEN, LOCAL_OAUTH_TOKEN);
  assert.equal(v2.SMTP_URL, 'smtp://127.0.0.1:5005');
  assert.equal(v2.PORTAL_PUBLIC_URL, 'http://localhost:3005');
  assert.match(outboxLine({ ...classic, SANDBOX_PORT: '4080' }), /http:\/\/127\.0\.0\.1:4080\/_sandbox\/outbox/);
});

test('choices made by hand win: a token or agent given, SIGN_IN_METHODS set, the mail server off', () => {
  assert.equal(localEmailLinkEnv({ HELPDESK_API: 'v2', HELPDESK_API_TOKEN: 'mine-0123456789abcdef' }).HELPDESK_OAUTH_TOKEN, undefined);
  assert.equal(localEmailLinkEnv({ HELPDESK_AGENT_EMAIL: 'me@example.com', HELPDESK_AGENT_PASSWORD: 'x' }).HELPDESK_AGENT_EMAIL, undefined);
  assert.deepEqual(localEmailLinkEnv({ SIGN_IN_METHODS: 'password' }), {});
  assert.deepEqual(localEmailLinkEnv({ SANDBOX_SMTP_PORT: 'off' }), {});
  assert.equal(sandboxSmtpPort({ SANDBOX_SMTP_PORT: '2525' }), 2525);
  assert.equal(outboxLine({}), null);
});
