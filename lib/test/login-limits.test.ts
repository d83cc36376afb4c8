import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSignIn, clientAddress, PER_CLIENT, PER_EMAIL, recordFailedSignIn, recordSuccessfulSignIn, tooManyFailuresMessage, UNKNOWN_CLIENT } from '../login-limits';

// The limits use the process-wide shared state, read lazily on first use: memory here (no REDIS_URL).
process.env.SESSION_SECRET ??= 'unit-test-secret-that-is-long-enough-0123456789';
delete process.env.REDIS_URL;

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

test('the client is the last X-Forwarded-For entry without proxies, the Nth from the end behind N', () => {
  assert.equal(clientAddress('198.51.100.7', 0), '198.51.100.7');
  // Sent by a client straight to the portal: only the last entry is not the client's own claim.
  assert.equal(clientAddress('1.1.1.1, 198.51.100.7', 0), '198.51.100.7');
  assert.equal(clientAddress('forged, 203.0.113.9, 10.0.0.2', 1), '10.0.0.2');
  assert.equal(clientAddress('forged, 203.0.113.9, 10.0.0.2', 2), '203.0.113.9');
  assert.equal(clientAddress('203.0.113.9', 3), '203.0.113.9');
  assert.equal(clientAddress(null, 0), UNKNOWN_CLIENT);
  assert.equal(clientAddress(' , ', 1), UNKNOWN_CLIENT);
});

test(`after ${PER_EMAIL.points} failures an email is blocked, whatever the case or spacing of the address`, async () => {
  const email = `victim-${unique()}@example.com`;
  for (let i = 0; i < PER_EMAIL.points; i++) {
    assert.deepEqual(await checkSignIn(email, `client-${unique()}`), { allowed: true });
    await recordFailedSignIn(i % 2 ? email.toUpperCase() : ` ${email} `, `client-${unique()}`);
  }
  const gate = await checkSignIn(email, 'a-fresh-client');
  assert.equal(gate.allowed, false);
  assert.ok(!gate.allowed && gate.retryAfterMs > 14 * 60_000 && gate.retryAfterMs <= 15 * 60_000);
  // Another account is not affected.
  assert.deepEqual(await checkSignIn(`other-${unique()}@example.com`, 'a-fresh-client'), { allowed: true });
});

test('a successful sign-in clears its email’s failures', async () => {
  const email = `forgetful-${unique()}@example.com`;
  for (let i = 0; i < PER_EMAIL.points - 1; i++) await recordFailedSignIn(email, `c-${unique()}`);
  await recordSuccessfulSignIn(email);
  for (let i = 0; i < PER_EMAIL.points - 1; i++) await recordFailedSignIn(email, `c-${unique()}`);
  assert.deepEqual(await checkSignIn(email, `c-${unique()}`), { allowed: true });
});

test(`after ${PER_CLIENT.points} failures on any accounts, a client is blocked, even for a new account`, async () => {
  const client = `203.0.113.${Math.floor(Math.random() * 250)}-${unique()}`;
  for (let i = 0; i < PER_CLIENT.points; i++) await recordFailedSignIn(`spray-${i}-${unique()}@example.com`, client);
  const gate = await checkSignIn(`fresh-${unique()}@example.com`, client);
  assert.equal(gate.allowed, false);
  assert.deepEqual(await checkSignIn(`fresh-${unique()}@example.com`, 'another-client'), { allowed: true });
});

test('the message says how many minutes, rounded up', () => {
  assert.equal(tooManyFailuresMessage(15 * 60_000), 'Too many failed sign-ins. Try again in 15 minutes.');
  assert.equal(tooManyFailuresMessage(61_000), 'Too many failed sign-ins. Try again in 2 minutes.');
  assert.equal(tooManyFailuresMessage(5_000), 'Too many failed sign-ins. Try again in 1 minute.');
});
