import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config';
import { configProblems } from './config-problems';
import { SESSION_COOKIE_NAMES, sessionCookie } from '../../session/cookie';

const base = { SESSION_SECRET: 's'.repeat(32) };
const agent = { HELPDESK_AGENT_EMAIL: 'agent@example.com', HELPDESK_AGENT_PASSWORD: 'pw' };


test('without EMBED_ORIGINS: no embedding, no SSO, the Lax cookie', () => {
  const config = parseConfig(base);
  assert.deepEqual(config.embedOrigins, []);
  assert.equal(config.embedding, false);
  assert.equal(config.sso, null);
  assert.deepEqual(sessionCookie(config), {
    name: 'portico_session',
    options: { httpOnly: true, secure: false, sameSite: 'lax', path: '/' },
  });
});

test('EMBED_ORIGINS: normalised, and the session cookie becomes __Host-…partitioned, SameSite=None, Secure, Partitioned', () => {
  const config = parseConfig({ ...base, EMBED_ORIGINS: 'https://Support.Example.com/ http://127.0.0.1:4090' });
  assert.deepEqual(config.embedOrigins, ['https://support.example.com', 'http://127.0.0.1:4090']);
  assert.equal(config.embedding, true);
  assert.equal(config.secureCookies, true, 'Secure even outside production: a frame keeps no other cookie');
  assert.deepEqual(sessionCookie(config), {
    name: '__Host-portico_partitioned_session',
    options: { httpOnly: true, secure: true, sameSite: 'none', partitioned: true, path: '/' },
  });
});

test('a Secure session cookie is always __Host- prefixed; only a plain-http one is not', () => {
  const production = parseConfig({ ...base, NODE_ENV: 'production' });
  assert.deepEqual(sessionCookie(production), {
    name: '__Host-portico_session',
    options: { httpOnly: true, secure: true, sameSite: 'lax', path: '/' },
  });
  const insecure = parseConfig({ ...base, NODE_ENV: 'production', PORTICO_INSECURE_COOKIES: '1' });
  assert.equal(sessionCookie(insecure).name, 'portico_session');
  assert.equal(sessionCookie(insecure).options.secure, false);
  // The browser's rule for the prefix, checked for every kind of cookie the portal can set.
  for (const config of [production, insecure, parseConfig(base), parseConfig({ ...base, EMBED_ORIGINS: 'https://a.example.com' })]) {
    const { name, options } = sessionCookie(config);
    assert.equal(name.startsWith('__Host-'), options.secure, name);
    assert.equal(options.path, '/');
    assert.ok(!('domain' in options));
  }
  // The three names differ, so an old cookie of one kind never stands in for another.
  assert.equal(new Set(SESSION_COOKIE_NAMES).size, 3);
});

test('each bad EMBED_ORIGINS entry is named', () => {
  const found = configProblems({ ...base, EMBED_ORIGINS: 'https://ok.example.com,https://bad.example.com/help' });
  assert.equal(found.length, 1);
  assert.match(found[0]!, /^EMBED_ORIGINS "https:\/\/bad\.example\.com\/help" is not an origin/);
  assert.match(configProblems({ ...base, EMBED_ORIGINS: 'https://a.example.com', PORTICO_INSECURE_COOKIES: '1' }).join(), /^PORTICO_INSECURE_COOKIES cannot be used with EMBED_ORIGINS/);
});

test('SSO_SECRET: 32+ characters, and only with the on-behalf-of mode', () => {
  const config = parseConfig({ ...base, ...agent, SSO_SECRET: 'x'.repeat(32) });
  assert.deepEqual(config.sso, { secret: 'x'.repeat(32), maxAgeSeconds: 300, clockSkewSeconds: 30 });
  assert.deepEqual(configProblems({ ...base, ...agent, SSO_SECRET: 'short' }), ['SSO_SECRET must be at least 32 characters']);
  assert.match(configProblems({ ...base, SSO_SECRET: 'x'.repeat(32) }).join(), /^SSO_SECRET needs the on-behalf-of sign-in mode/);
  assert.equal(configProblems({ ...base, ...agent, SSO_SECRET: 'x'.repeat(32), SSO_MAX_AGE_SECONDS: '0' })[0]?.split(' ')[0], 'SSO_MAX_AGE_SECONDS');
  assert.equal(configProblems({ ...base, ...agent, SSO_SECRET: 'x'.repeat(32), SSO_CLOCK_SKEW_SECONDS: 'lots' })[0]?.split(' ')[0], 'SSO_CLOCK_SKEW_SECONDS');
  const tuned = parseConfig({ ...base, ...agent, SSO_SECRET: 'x'.repeat(32), SSO_MAX_AGE_SECONDS: '120', SSO_CLOCK_SKEW_SECONDS: '5' });
  assert.deepEqual(tuned.sso, { secret: 'x'.repeat(32), maxAgeSeconds: 120, clockSkewSeconds: 5 });
});
