import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  backoffSeconds,
  CLIENT_FREE,
  checkSignIn,
  clientAddress,
  EMAIL_DELAY_CAP_MS,
  emailDelayMs,
  PAIR_FREE,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  retryWait,
  UNKNOWN_CLIENT,
} from '../login-limits';

// The limits use the process-wide shared state, read lazily on first use: memory here (no REDIS_URL).
process.env.SESSION_SECRET ??= 'unit-test-secret-that-is-long-enough-0123456789';
delete process.env.REDIS_URL;

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

test('with no proxy the client is the socket’s peer, whatever X-Forwarded-For says', () => {
  assert.equal(clientAddress('198.51.100.7', null, 0), '198.51.100.7');
  // A client rotating the header stays one client.
  assert.equal(clientAddress('198.51.100.7', '1.1.1.1', 0), '198.51.100.7');
  assert.equal(clientAddress('198.51.100.7', '2.2.2.2, 3.3.3.3', 0), '198.51.100.7');
  // No peer known and no proxy trusted: the header is the client's own words, never an address.
  assert.equal(clientAddress(null, '1.1.1.1', 0), UNKNOWN_CLIENT);
  assert.equal(clientAddress(null, null, 0), UNKNOWN_CLIENT);
});

test('behind N proxies the client is the Nth X-Forwarded-For entry from the end, the peer being the innermost proxy', () => {
  // client → proxy (10.0.0.2, the peer): the proxy appended what it saw.
  assert.equal(clientAddress('10.0.0.2', 'forged, 203.0.113.9', 1), '203.0.113.9');
  // client → CDN → load balancer (the peer): the CDN's entry came from the load balancer.
  assert.equal(clientAddress('10.0.0.3', 'forged, 203.0.113.9, 10.0.0.2', 2), '203.0.113.9');
  // Fewer entries than proxies (a hop did not append): the leftmost, never past the start.
  assert.equal(clientAddress('10.0.0.3', '203.0.113.9', 3), '203.0.113.9');
  // No peer header at all: the Nth from the end of the header.
  assert.equal(clientAddress(null, 'forged, 203.0.113.9', 1), '203.0.113.9');
  assert.equal(clientAddress(' ', ' , ', 1), UNKNOWN_CLIENT);
});

test('back-off: free failures cost nothing, then each failure doubles the wait, up to 15 minutes', () => {
  assert.equal(backoffSeconds(PAIR_FREE - 1, PAIR_FREE), 0);
  assert.equal(backoffSeconds(PAIR_FREE, PAIR_FREE), 15);
  assert.equal(backoffSeconds(PAIR_FREE + 1, PAIR_FREE), 30);
  assert.equal(backoffSeconds(PAIR_FREE + 4, PAIR_FREE), 240);
  assert.equal(backoffSeconds(PAIR_FREE + 40, PAIR_FREE), 15 * 60);
});

test(`the per-email delay grows with failures from anywhere but never passes ${EMAIL_DELAY_CAP_MS} ms`, () => {
  assert.equal(emailDelayMs(0), 0);
  assert.equal(emailDelayMs(10), 0);
  assert.ok(emailDelayMs(12) > emailDelayMs(11) && emailDelayMs(11) > 0);
  assert.equal(emailDelayMs(10_000), EMAIL_DELAY_CAP_MS);
});

test('a stranger’s wrong passwords make that stranger wait, never the owner from a client that has not failed', async () => {
  const email = `victim-${unique()}@example.com`;
  const stranger = `203.0.113.${Math.floor(Math.random() * 250)}-${unique()}`;
  for (let i = 0; i < 30; i++) await recordFailedSignIn(i % 2 ? email.toUpperCase() : ` ${email} `, stranger);
  const strangers = await checkSignIn(email, stranger);
  assert.equal(strangers.allowed, false);
  assert.ok(!strangers.allowed && strangers.retryAfterMs > 14 * 60_000 && strangers.retryAfterMs <= 15 * 60_000);
  // The owner, elsewhere: let through, held at most a few seconds.
  const owners = await checkSignIn(email, `198.51.100.1-${unique()}`);
  assert.equal(owners.allowed, true);
  assert.ok(owners.allowed && owners.delayMs > 0 && owners.delayMs <= EMAIL_DELAY_CAP_MS);
});

test('guesses spread over many clients are slowed per email, not refused', async () => {
  const email = `spread-${unique()}@example.com`;
  for (let i = 0; i < 50; i++) await recordFailedSignIn(email, `c-${i}-${unique()}`);
  const gate = await checkSignIn(email, `fresh-${unique()}`);
  assert.deepEqual(gate, { allowed: true, delayMs: EMAIL_DELAY_CAP_MS });
});

test(`after ${PAIR_FREE} failures a pair waits, and a success from that pair clears it and the email’s count`, async () => {
  const email = `forgetful-${unique()}@example.com`;
  const client = `c-${unique()}`;
  for (let i = 0; i < PAIR_FREE - 1; i++) await recordFailedSignIn(email, client);
  assert.deepEqual(await checkSignIn(email, client), { allowed: true, delayMs: 0 });
  await recordFailedSignIn(email, client);
  const gate = await checkSignIn(email, client);
  assert.ok(!gate.allowed && gate.retryAfterMs > 14_000 && gate.retryAfterMs <= 15_000);
  await recordSuccessfulSignIn(email, client);
  assert.deepEqual(await checkSignIn(email, client), { allowed: true, delayMs: 0 });
});

test(`after ${CLIENT_FREE} failures on any accounts, a client waits, even for a new account; other clients do not`, async () => {
  const client = `203.0.113.${Math.floor(Math.random() * 250)}-${unique()}`;
  for (let i = 0; i < CLIENT_FREE - 1; i++) await recordFailedSignIn(`spray-${i}-${unique()}@example.com`, client);
  assert.deepEqual(await checkSignIn(`fresh-${unique()}@example.com`, client), { allowed: true, delayMs: 0 });
  await recordFailedSignIn(`spray-last-${unique()}@example.com`, client);
  const gate = await checkSignIn(`fresh-${unique()}@example.com`, client);
  assert.ok(!gate.allowed && gate.retryAfterMs > 14_000 && gate.retryAfterMs <= 15_000);
  assert.deepEqual(await checkSignIn(`fresh-${unique()}@example.com`, 'another-client'), { allowed: true, delayMs: 0 });
});

test('the wait is said in seconds under a minute, else in minutes rounded up', () => {
  assert.deepEqual(retryWait(15 * 60_000), { unit: 'minutes', count: 15 });
  assert.deepEqual(retryWait(61_000), { unit: 'minutes', count: 2 });
  assert.deepEqual(retryWait(60_000), { unit: 'minutes', count: 1 });
  assert.deepEqual(retryWait(5_000), { unit: 'seconds', count: 5 });
  assert.deepEqual(retryWait(400), { unit: 'seconds', count: 1 });
});
