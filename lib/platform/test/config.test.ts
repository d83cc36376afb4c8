import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../config';
import { configProblems } from './config-problems';

const SECRET = 's'.repeat(32);


test('defaults: the local sandbox, end-user sign-in, port 3000', () => {
  const config = parseConfig({ SESSION_SECRET: SECRET });
  assert.equal(config.helpdeskUrl, 'http://127.0.0.1:4080');
  assert.equal(config.signInMode, 'end-user');
  assert.equal(config.agent, null);
  assert.equal(config.port, 3000);
  assert.equal(config.secureCookies, false);
  assert.equal(config.sessionTtlSeconds, 12 * 3600);
});

test('each wrong value is named in the message', () => {
  assert.deepEqual(configProblems({ SESSION_SECRET: SECRET, HELPDESK_URL: 'ftp://x' })[0]?.split(' ')[0], 'HELPDESK_URL');
  assert.deepEqual(configProblems({ SESSION_SECRET: SECRET, HELPDESK_URL: 'not a url' })[0]?.split(' ')[0], 'HELPDESK_URL');
  assert.deepEqual(configProblems({ SESSION_SECRET: 'short' }), ['SESSION_SECRET must be at least 32 characters']);
  assert.equal(configProblems({ SESSION_SECRET: SECRET, PORT: 'eighty' })[0]?.split(' ')[0], 'PORT');
  assert.equal(configProblems({ SESSION_SECRET: SECRET, HELPDESK_AGENT_EMAIL: 'agent@example.com' })[0]?.split(' ')[0], 'HELPDESK_AGENT_PASSWORD');
  assert.equal(configProblems({ SESSION_SECRET: SECRET, HELPDESK_AGENT_EMAIL: 'nope', HELPDESK_AGENT_PASSWORD: 'x' })[0]?.split(' ')[0], 'HELPDESK_AGENT_EMAIL');
});

test('SESSION_RECHECK_SECONDS: 5 minutes by default, whole seconds from 1 to a day', () => {
  assert.equal(parseConfig({ SESSION_SECRET: SECRET }).sessionRecheckSeconds, 300);
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, SESSION_RECHECK_SECONDS: '1' }).sessionRecheckSeconds, 1);
  for (const bad of ['0', '-5', '1.5', 'soon', '86401']) {
    assert.equal(configProblems({ SESSION_SECRET: SECRET, SESSION_RECHECK_SECONDS: bad })[0]?.split(' ')[0], 'SESSION_RECHECK_SECONDS', bad);
  }
});

test('production requires SESSION_SECRET and gets Secure cookies', () => {
  assert.match(configProblems({ NODE_ENV: 'production' }).join(), /^SESSION_SECRET is required in production/);
  const config = parseConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, HELPDESK_URL: 'https://help.example.com/' });
  assert.equal(config.secureCookies, true);
  assert.equal(config.helpdeskUrl, 'https://help.example.com');
});

test('agent credentials switch to the on-behalf-of mode', () => {
  const config = parseConfig({ SESSION_SECRET: SECRET, HELPDESK_AGENT_EMAIL: 'agent@example.com', HELPDESK_AGENT_PASSWORD: 'pw' });
  assert.equal(config.signInMode, 'on-behalf-of');
  assert.deepEqual(config.agent, { email: 'agent@example.com', password: 'pw' });
});

test('without SESSION_SECRET, local runs generate one and keep it in .data/', () => {
  const cwd = process.cwd();
  const dir = mkdtempSync(path.join(tmpdir(), 'portico-config-'));
  process.chdir(dir);
  try {
    const first = parseConfig({}).sessionSecret;
    assert.ok(first.length >= 32);
    assert.equal(parseConfig({}).sessionSecret, first, 'kept across restarts');
    assert.equal(parseConfig({ NODE_ENV: 'production', PORTICO_LOCAL: '1' }).sessionSecret, first);
  } finally {
    process.chdir(cwd);
  }
});

test('PORTAL_COMPANY_NAME: unset means the catalog’s "Agent"; one short line of text otherwise', () => {
  assert.equal(parseConfig({ SESSION_SECRET: SECRET }).companyName, null);
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, PORTAL_COMPANY_NAME: '' }).companyName, null);
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, PORTAL_COMPANY_NAME: '  Acme Support ' }).companyName, 'Acme Support');
  for (const bad of ['   ', 'x'.repeat(61), 'Acme\nSupport']) {
    assert.equal(configProblems({ SESSION_SECRET: SECRET, PORTAL_COMPANY_NAME: bad })[0]?.split(' ')[0], 'PORTAL_COMPANY_NAME', JSON.stringify(bad));
  }
});
