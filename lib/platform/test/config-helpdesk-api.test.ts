import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config';
import { configProblems } from './config-problems';

const base = { SESSION_SECRET: 's'.repeat(32) };
const agent = { HELPDESK_AGENT_EMAIL: 'agent@example.com', HELPDESK_AGENT_PASSWORD: 'pw' };

test('HELPDESK_API: classic by default, v2 on request, anything else named with the choices', () => {
  assert.equal(parseConfig(base).helpdeskApi, 'classic');
  assert.equal(parseConfig({ ...base, HELPDESK_API: '' }).helpdeskApi, 'classic');
  assert.equal(parseConfig({ ...base, HELPDESK_API: 'v2' }).helpdeskApi, 'v2');
  assert.deepEqual(configProblems({ ...base, HELPDESK_API: 'v3' }), ['HELPDESK_API must be one of classic, v2']);
});

test('v2 on-behalf-of: an API token or an OAuth token, not both', () => {
  const v2 = { ...base, HELPDESK_API: 'v2' };
  assert.equal(parseConfig(v2).signInMode, 'end-user');
  assert.equal(parseConfig(v2).helpdeskToken, null);
  const apiToken = parseConfig({ ...v2, HELPDESK_API_TOKEN: ' abc123 ' });
  assert.deepEqual(apiToken.helpdeskToken, { kind: 'api-token', token: 'abc123' });
  assert.equal(apiToken.signInMode, 'on-behalf-of');
  const oauth = parseConfig({ ...v2, HELPDESK_OAUTH_TOKEN: 'xyz' });
  assert.deepEqual(oauth.helpdeskToken, { kind: 'oauth', token: 'xyz' });
  assert.equal(oauth.signInMode, 'on-behalf-of');
  assert.deepEqual(configProblems({ ...v2, HELPDESK_API_TOKEN: 'a', HELPDESK_OAUTH_TOKEN: 'b' }), [
    'HELPDESK_OAUTH_TOKEN set HELPDESK_API_TOKEN or HELPDESK_OAUTH_TOKEN, not both',
  ]);
});

test('each API refuses the other one\'s on-behalf-of settings, by name', () => {
  assert.deepEqual(
    configProblems({ ...base, HELPDESK_API_TOKEN: 'a' }),
    ['HELPDESK_API_TOKEN is for HELPDESK_API=v2; the classic API acts for customers with HELPDESK_AGENT_EMAIL and HELPDESK_AGENT_PASSWORD'],
  );
  assert.equal(configProblems({ ...base, HELPDESK_OAUTH_TOKEN: 'a' })[0]?.split(' ')[0], 'HELPDESK_OAUTH_TOKEN');
  assert.deepEqual(
    configProblems({ ...base, ...agent, HELPDESK_API: 'v2' }).map((problem) => problem.split(' ')[0]),
    ['HELPDESK_AGENT_EMAIL', 'HELPDESK_AGENT_PASSWORD'],
  );
});

test('single sign-on needs the on-behalf-of mode of the API in use', () => {
  const sso = { SSO_SECRET: 'x'.repeat(32) };
  assert.match(configProblems({ ...base, ...sso, HELPDESK_API: 'v2' }).join(), /^SSO_SECRET needs the on-behalf-of sign-in mode: set HELPDESK_API_TOKEN or HELPDESK_OAUTH_TOKEN/);
  assert.ok(parseConfig({ ...base, ...sso, HELPDESK_API: 'v2', HELPDESK_OAUTH_TOKEN: 't' }).sso);
  assert.match(configProblems({ ...base, ...sso }).join(), /^SSO_SECRET needs the on-behalf-of sign-in mode: set HELPDESK_AGENT_EMAIL/);
  assert.ok(parseConfig({ ...base, ...sso, ...agent }).sso);
});
