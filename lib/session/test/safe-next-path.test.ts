import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNextPath, signInHref } from '../safe-next-path';

test('keeps the portal’s own paths, with query and hash', () => {
  assert.equal(safeNextPath('/requests/12'), '/requests/12');
  assert.equal(safeNextPath('/requests?status=solved&page=2'), '/requests?status=solved&page=2');
  assert.equal(safeNextPath('/requests/new#top'), '/requests/new#top');
});

test('refuses everything that could leave the portal', () => {
  for (const evil of [
    '//evil.example',
    '//evil.example/requests',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'http:evil.example',
    'javascript:alert(1)',
    '/%0d%0aSet-Cookie:x=1',
    '/requests\n//evil.example',
    ' /requests',
    '',
    undefined,
    null,
    42,
    '/' + 'a'.repeat(3000),
  ]) {
    const result = safeNextPath(evil);
    assert.ok(result === '/requests' || result.startsWith('/%0d'), `${String(evil)} gave ${result}`);
    assert.ok(!result.startsWith('//'));
  }
});

test('never sends a signed-in user back to the login page', () => {
  assert.equal(safeNextPath('/login?next=/requests'), '/requests');
});

test('signInHref: the sign-in page, coming back only to the portal’s own paths', () => {
  assert.equal(signInHref('/requests/new'), '/login?next=%2Frequests%2Fnew');
  assert.equal(signInHref('/requests?status=solved&page=2', { expired: true }), '/login?expired=1&next=%2Frequests%3Fstatus%3Dsolved%26page%3D2');
  assert.equal(signInHref('//evil.example/requests'), '/login?next=%2Frequests');
});

test('what it returns is itself a same-origin path: dot segments cannot make `//evil.example`', () => {
  for (const evil of ['/..//evil.example', '/requests/..//evil.example', '/%2e%2e//evil.example', '/./%2E%2e//evil.example/x', '/requests/../..//evil.example']) {
    assert.equal(safeNextPath(evil), '/requests', evil);
  }
  // Every result, resolved by a browser against the portal, stays on the portal.
  for (const input of ['/..//evil.example', '/a/..//b', '/requests/./12', '/%2e%2e/requests']) {
    const result = safeNextPath(input);
    assert.equal(new URL(result, 'https://portal.example').origin, 'https://portal.example', `${input} gave ${result}`);
  }
  assert.equal(safeNextPath('/requests/new/../12'), '/requests/12');
  assert.equal(safeNextPath('/requests/..//requests'), '/requests');
});

test('the language picker may come back to the sign-in page, and still never leaves the portal', () => {
  assert.equal(safeNextPath('/login?next=%2Frequests%2Fnew', { signInPage: true }), '/login?next=%2Frequests%2Fnew');
  assert.equal(safeNextPath('/login?next=%2Frequests%2Fnew'), '/requests');
  assert.equal(safeNextPath('//evil.example/login', { signInPage: true }), '/requests');
  assert.equal(safeNextPath('/_next/static/x.js', { signInPage: true }), '/requests');
});
