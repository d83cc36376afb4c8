import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAllowedOrigin, normalizeOrigin, parseOriginList } from '../origins';

test('origins are normalised: lower-case host, default port dropped, trailing slash dropped', () => {
  assert.equal(normalizeOrigin('https://Support.Example.com'), 'https://support.example.com');
  assert.equal(normalizeOrigin('https://support.example.com:443/'), 'https://support.example.com');
  assert.equal(normalizeOrigin('http://127.0.0.1:4090'), 'http://127.0.0.1:4090');
  assert.equal(normalizeOrigin('  http://localhost:8080/ '), 'http://localhost:8080');
});

test('anything but scheme://host[:port] is refused', () => {
  for (const bad of [
    'support.example.com',
    'https://support.example.com/help',
    'https://support.example.com/?x=1',
    'https://support.example.com#top',
    'https://user:pw@support.example.com',
    'https://*.example.com',
    'ftp://support.example.com',
    'javascript:alert(1)',
    "'self'",
    '*',
    'null',
    'https://',
  ]) {
    assert.equal(normalizeOrigin(bad), null, bad);
  }
});

test('a list may be separated by commas and/or spaces; duplicates collapse', () => {
  assert.deepEqual(parseOriginList('https://a.example.com, https://b.example.com  http://127.0.0.1:4090,https://A.example.com/'), {
    ok: true,
    origins: ['https://a.example.com', 'https://b.example.com', 'http://127.0.0.1:4090'],
  });
  assert.deepEqual(parseOriginList(undefined), { ok: true, origins: [] });
  assert.deepEqual(parseOriginList(' , '), { ok: true, origins: [] });
});

test('every bad entry is named', () => {
  const result = parseOriginList('https://ok.example.com, https://bad.example.com/path, nope');
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(result.problems.length, 2);
  assert.match(result.problems[0]!, /^"https:\/\/bad\.example\.com\/path" is not an origin/);
  assert.match(result.problems[1]!, /^"nope" is not an origin/);
});

test('isAllowedOrigin compares exact, normalised origins', () => {
  const allowed = ['https://support.example.com', 'http://127.0.0.1:4090'];
  assert.equal(isAllowedOrigin('https://support.example.com', allowed), true);
  assert.equal(isAllowedOrigin('https://SUPPORT.example.com:443', allowed), true);
  assert.equal(isAllowedOrigin('https://evil.support.example.com', allowed), false);
  assert.equal(isAllowedOrigin('https://support.example.com.evil.test', allowed), false);
  assert.equal(isAllowedOrigin('http://support.example.com', allowed), false);
  assert.equal(isAllowedOrigin('http://127.0.0.1:4091', allowed), false);
  assert.equal(isAllowedOrigin('null', allowed), false);
  assert.equal(isAllowedOrigin(null, allowed), false);
  assert.equal(isAllowedOrigin('', allowed), false);
});
