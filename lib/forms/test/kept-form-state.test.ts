import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSharedState } from '../../platform/shared-state';
import { KEPT_STATE_TTL_SECONDS, keepFormState, keptFormState } from '../kept-form-state';

const state = { message: 'The help desk is not answering.', values: { body: 'Kept text' }, uploads: [{ seal: 's', fileName: 'a.txt', size: 1, contentType: 'text/plain' }] };

test('a kept state comes back to its owner under its key', async () => {
  const store = createSharedState(undefined);
  const key = await keepFormState(store, '1001', state);
  assert.match(key, /^[A-Za-z0-9_-]{22}$/);
  assert.deepEqual(await keptFormState(store, key, '1001'), state);
  assert.deepEqual(await keptFormState(store, key, '1001'), state, 'a reload shows it again');
});

test('nobody else gets it, and a made-up or malformed key gets nothing', async () => {
  const store = createSharedState(undefined);
  const key = await keepFormState(store, '1001', state);
  assert.equal(await keptFormState(store, key, '1002'), null);
  assert.equal(await keptFormState(store, 'A'.repeat(22), '1001'), null);
  assert.equal(await keptFormState(store, `${key}x`, '1001'), null);
  assert.equal(await keptFormState(store, ['array'], '1001'), null);
});

test('a state kept after the session ended goes to whoever signs in on that browser', async () => {
  const store = createSharedState(undefined);
  const key = await keepFormState(store, null, { values: { body: 'typed before the session ended' } });
  assert.deepEqual(await keptFormState(store, key, '1001'), { values: { body: 'typed before the session ended' } });
});

test('it is kept for half an hour', async () => {
  let ttl = 0;
  const store = { ...createSharedState(undefined), set: async (_key: string, _value: string, seconds: number) => void (ttl = seconds) };
  await keepFormState(store as never, '1', state);
  assert.equal(ttl, KEPT_STATE_TTL_SECONDS);
  assert.equal(KEPT_STATE_TTL_SECONDS, 1800);
});
