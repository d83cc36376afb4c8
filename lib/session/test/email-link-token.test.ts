import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { issueLink, KEEP_AFTER_EXPIRY_SECONDS, peekLink, redeemLink, type LinkStore } from '../email-link-token';
import { createSharedState } from '../../platform/shared-state';

const alice = { id: '7', name: 'Alice Example', email: 'alice@example.com' };
const link = { requester: alice, next: '/requests/42', locale: 'de' as const };

/** The shared state's memory store, with every write recorded, to see what is kept. */
function recordingStore() {
  const state = createSharedState(undefined);
  const writes: { key: string; value: string; ttlSeconds: number }[] = [];
  const store: LinkStore = {
    claim: (key, value, ttlSeconds) => state.claim(key, value, ttlSeconds),
    get: (key) => state.get(key),
    set: async (key, value, ttlSeconds) => {
      writes.push({ key, value, ttlSeconds });
      await state.set(key, value, ttlSeconds);
    },
  };
  return { store, writes };
}

test('a link signs in once: the first use gets what it was made for, the second is refused as used', async () => {
  const { store } = recordingStore();
  const token = await issueLink(store, link, 900);
  assert.match(token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
  assert.deepEqual(await redeemLink(store, token), { ok: true, record: { ...link, expiresAt: (await peekLinkRecord(store, token)).expiresAt } });
  assert.deepEqual(await redeemLink(store, token), { ok: false, problem: 'used', next: '/requests/42' });
  assert.deepEqual(await peekLink(store, token), { ok: false, problem: 'used', next: '/requests/42' });
});

async function peekLinkRecord(store: LinkStore, token: string) {
  const raw = await store.get(`email-link:${createHash('sha256').update(token).digest('base64url')}`);
  return JSON.parse(raw!) as { expiresAt: number };
}

test('looking at a link spends nothing (the confirmation page, a mail scanner)', async () => {
  const { store } = recordingStore();
  const token = await issueLink(store, link, 900);
  for (let i = 0; i < 3; i++) assert.equal((await peekLink(store, token)).ok, true);
  assert.equal((await redeemLink(store, token)).ok, true);
});

test('only the hash of the token is stored, never the token itself', async () => {
  const { store, writes } = recordingStore();
  const token = await issueLink(store, link, 900);
  assert.equal(writes.length, 1);
  const [write] = writes;
  assert.equal(write!.key, `email-link:${createHash('sha256').update(token).digest('base64url')}`);
  assert.ok(!write!.key.includes(token) && !write!.value.includes(token));
  // Kept a day past its expiry, so an old link can say "expired" rather than "not valid".
  assert.equal(write!.ttlSeconds, 900 + KEEP_AFTER_EXPIRY_SECONDS);
});

test('after its lifetime a link is expired, and using it does not spend it', async () => {
  const { store } = recordingStore();
  const start = Date.now();
  const token = await issueLink(store, link, 60, start);
  assert.equal((await peekLink(store, token, start + 59_000)).ok, true);
  assert.deepEqual(await redeemLink(store, token, start + 60_000), { ok: false, problem: 'expired', next: '/requests/42' });
  assert.deepEqual(await redeemLink(store, token, start + 61_000), { ok: false, problem: 'expired', next: '/requests/42' });
});

test('a changed, cut or foreign token is not valid', async () => {
  const { store } = recordingStore();
  const token = await issueLink(store, link, 900);
  const changed = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
  for (const bad of [changed, token.slice(0, 42), `${token}x`, '', null, 42, 'x'.repeat(43), `${token.slice(0, 42)}=`]) {
    assert.deepEqual(await redeemLink(store, bad), { ok: false, problem: 'invalid' }, String(bad));
  }
  assert.equal((await redeemLink(store, token)).ok, true, 'the real one still works');
});

test('two uses at once: exactly one wins', async () => {
  const { store } = recordingStore();
  const token = await issueLink(store, link, 900);
  const results = await Promise.all(Array.from({ length: 5 }, () => redeemLink(store, token)));
  assert.equal(results.filter((r) => r.ok).length, 1);
  assert.deepEqual(results.filter((r) => !r.ok), Array(4).fill({ ok: false, problem: 'used', next: '/requests/42' }));
});
