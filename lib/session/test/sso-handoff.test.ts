import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ssoReturnTo, ssoStep } from '../sso-handoff';

test('a token signs in a browser where nobody is, continues its own customer, and asks before replacing another', () => {
  assert.equal(ssoStep(null, { email: 'alice@example.com' }), 'sign_in');
  assert.equal(ssoStep(undefined, { email: 'alice@example.com' }), 'sign_in');
  assert.equal(ssoStep('Alice@Example.com', { email: 'alice@example.com' }), 'continue');
  assert.equal(ssoStep('mallory@example.com', { email: 'alice@example.com' }), 'confirm');
});

test('return_to: the signed claim wins over the link’s parameter, even when the claim is refused', () => {
  assert.equal(ssoReturnTo({ returnTo: '/requests/new' }, '/requests/5'), '/requests/new');
  assert.equal(ssoReturnTo({ returnTo: 'https://evil.example/' }, '/requests/5'), '/requests');
  assert.equal(ssoReturnTo({ returnTo: '/..//evil.example' }, '/requests/5'), '/requests');
});

test('return_to: without a claim, the link’s parameter, if it is one of the portal’s own paths', () => {
  assert.equal(ssoReturnTo({}, '/requests/5'), '/requests/5');
  assert.equal(ssoReturnTo({}, '/%2e%2e//evil.example'), '/requests');
  assert.equal(ssoReturnTo({}, null), '/requests');
});
