// The per-process cache of opened session cookies: keyed by the sealed value, a copy per hit, never
// past the seal's own expiry, bounded, and forgotten when the secrets change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sealData, unsealData } from 'iron-session';
import { MAX_AGE_MS, MAX_ENTRIES, sealExpiresAt, UnsealCache } from '../unseal-cache';
import type { SessionData } from '../session';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const data = (id: string): SessionData => ({ requester: { id, name: `Customer ${id}`, email: `${id}@example.com` }, signedInAt: 1, sid: `sid-${id}` });

test('a hit gives what unsealing gave, as a copy of its own', async () => {
  const sealed = await sealData(data('1'), { password: SECRET, ttl: 3600 });
  const cache = new UnsealCache();
  cache.remember(sealed, SECRET, await unsealData<SessionData>(sealed, { password: SECRET, ttl: 3600 }));
  const hit = cache.get(sealed, SECRET);
  assert.deepEqual(hit, data('1'));
  delete hit?.requester;
  assert.deepEqual(cache.get(sealed, SECRET), data('1'), "one request's changes to its session are its own");
  assert.equal(cache.get(`${sealed}x`, SECRET), undefined, 'another cookie value is another key');
});

test("an entry ends at the seal's own expiry (read from the seal) and after MAX_AGE_MS at most", async () => {
  let now = Date.now();
  const cache = new UnsealCache(() => now);
  const sealed = await sealData(data('2'), { password: SECRET, ttl: 60 });
  const expiry = sealExpiresAt(sealed);
  assert.ok(expiry !== null && Math.abs(expiry - (Date.now() + 60_000)) < 5_000, `the seal's expiry is read (${expiry})`);
  cache.remember(sealed, SECRET, data('2'));
  now = (expiry ?? 0) - 1;
  assert.ok(cache.get(sealed, SECRET));
  now = expiry ?? 0;
  assert.equal(cache.get(sealed, SECRET), undefined, 'gone when the seal expires');

  const long = await sealData(data('3'), { password: SECRET, ttl: 14 * 24 * 3600 });
  now = Date.now();
  cache.remember(long, SECRET, data('3'));
  now += MAX_AGE_MS;
  assert.equal(cache.get(long, SECRET), undefined, 'a long-lived seal is opened again after MAX_AGE_MS');
});

test('other secrets (a rotation) start afresh; signed-out and expired seals are not kept; the size is bounded', async () => {
  const cache = new UnsealCache();
  const sealed = await sealData(data('4'), { password: SECRET, ttl: 3600 });
  cache.remember(sealed, SECRET, data('4'));
  assert.equal(cache.get(sealed, `${SECRET}-rotated`), undefined);
  cache.remember('Fe26.2*1*s*iv*data*1*s*h~2', SECRET, data('5'));
  assert.equal(cache.get('Fe26.2*1*s*iv*data*1*s*h~2', SECRET), undefined, 'an expired seal is not kept');
  cache.remember(sealed, SECRET, {});
  for (let i = 0; i < MAX_ENTRIES + 50; i++) cache.remember(`${sealed}${i}`, SECRET, data(String(i)));
  assert.equal(cache.size, MAX_ENTRIES);
  assert.equal(cache.get(`${sealed}0`, SECRET), undefined, 'the oldest went first');
  assert.ok(cache.get(`${sealed}${MAX_ENTRIES + 49}`, SECRET));
});
