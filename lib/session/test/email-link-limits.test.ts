import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clearEmailLinkMails, LINKS_PER_CLIENT, LINKS_PER_EMAIL, takeClientLinkRequest, takeEmailLinkMail } from '../email-link-limits';

// The limits use the process-wide shared state: memory here (no REDIS_URL).
process.env.SESSION_SECRET ??= 'unit-test-secret-that-is-long-enough-0123456789';
delete process.env.REDIS_URL;

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

test('a client may ask for LINKS_PER_CLIENT links a window, then waits; other clients are not held back', async () => {
  const stranger = `198.51.100.${unique()}`;
  for (let i = 0; i < LINKS_PER_CLIENT; i++) assert.deepEqual(await takeClientLinkRequest(stranger), { allowed: true }, `request ${i + 1}`);
  const refused = await takeClientLinkRequest(stranger);
  assert.equal(refused.allowed, false);
  assert.ok(!refused.allowed && refused.retryAfterMs > 14 * 60_000, 'until the window ends');
  assert.deepEqual(await takeClientLinkRequest(`203.0.113.${unique()}`), { allowed: true }, 'the owner, elsewhere, is not held back');
});

test('an email gets LINKS_PER_EMAIL mails a window, then nothing more, whoever asks; case and spaces do not matter', async () => {
  const email = `alice-${unique()}@example.com`;
  for (let i = 0; i < LINKS_PER_EMAIL; i++) assert.equal(await takeEmailLinkMail(i % 2 ? email.toUpperCase() : ` ${email} `), true);
  assert.equal(await takeEmailLinkMail(email), false);
  assert.equal(await takeEmailLinkMail(`bob-${unique()}@example.com`), true, 'another email is not affected');
});

test('a used link clears its email: the owner can have new links at once', async () => {
  const email = `carol-${unique()}@example.com`;
  for (let i = 0; i < LINKS_PER_EMAIL; i++) await takeEmailLinkMail(email);
  assert.equal(await takeEmailLinkMail(email), false);
  await clearEmailLinkMails(email);
  assert.equal(await takeEmailLinkMail(email), true);
});
