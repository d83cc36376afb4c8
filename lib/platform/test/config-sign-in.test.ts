import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config';
import { configProblems } from './config-problems';

const SECRET = 's'.repeat(32);


test('SESSION_SECRET_PREVIOUS: unset by default, 32+ characters when set', () => {
  assert.equal(parseConfig({ SESSION_SECRET: SECRET }).sessionSecretPrevious, null);
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, SESSION_SECRET_PREVIOUS: 'p'.repeat(40) }).sessionSecretPrevious, 'p'.repeat(40));
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, SESSION_SECRET_PREVIOUS: '' }).sessionSecretPrevious, null);
  assert.deepEqual(configProblems({ SESSION_SECRET: SECRET, SESSION_SECRET_PREVIOUS: 'short' }), ['SESSION_SECRET_PREVIOUS must be at least 32 characters']);
});

test('TRUST_PROXY: the number of proxies in front, 0 (none) by default', () => {
  assert.equal(parseConfig({ SESSION_SECRET: SECRET }).trustProxyHops, 0);
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, TRUST_PROXY: '1' }).trustProxyHops, 1);
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, TRUST_PROXY: '2' }).trustProxyHops, 2);
  for (const wrong of ['yes', '-1', '1.5', '99']) assert.equal(configProblems({ SESSION_SECRET: SECRET, TRUST_PROXY: wrong })[0]?.split(' ')[0], 'TRUST_PROXY', wrong);
});
