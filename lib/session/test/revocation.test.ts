import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSharedState, type SharedState } from '../../platform/shared-state';
import { endAllSessions, endSession, isSessionEnded, SessionStateUnavailableError } from '../revocation';

const TTL = 3600;
const id = () => Math.random().toString(36).slice(2);

test('a logged-out session is ended wherever its cookie was copied; the user’s other sessions are not', async () => {
  const state = createSharedState(undefined);
  const userId = id();
  const copied = { sid: id(), userId, signedInAt: Date.now() - 1000 };
  const phone = { sid: id(), userId, signedInAt: Date.now() - 1000 };
  assert.equal(await isSessionEnded(copied, state), false);
  await endSession(copied, TTL, state);
  assert.equal(await isSessionEnded({ ...copied }, state), true);
  assert.equal(await isSessionEnded(phone, state), false);
});

test('"log out of all devices" ends every session started up to then, not the ones after', async () => {
  const state = createSharedState(undefined);
  const userId = id();
  const now = Date.now();
  await endAllSessions(userId, TTL, now, state);
  assert.equal(await isSessionEnded({ sid: id(), userId, signedInAt: now - 5 }, state), true);
  assert.equal(await isSessionEnded({ sid: id(), userId, signedInAt: now }, state), true);
  assert.equal(await isSessionEnded({ sid: id(), userId, signedInAt: now + 5 }, state), false);
  assert.equal(await isSessionEnded({ sid: id(), userId: id(), signedInAt: now - 5 }, state), false);
});

test('a cookie without a session id (from before ids) is ended with all of its user’s sessions on log-out', async () => {
  const state = createSharedState(undefined);
  const userId = id();
  const legacy = { userId, signedInAt: Date.now() - 1000 };
  await endSession(legacy, TTL, state);
  assert.equal(await isSessionEnded(legacy, state), true);
  assert.equal(await isSessionEnded({ userId, signedInAt: Date.now() + 10 }, state), false);
});

test('checking costs one shared-state read, and fails closed when the shared state does not answer', async () => {
  let reads = 0;
  const memory = createSharedState(undefined);
  const counting: SharedState = { ...memory, redis: null, getMany: async (keys) => (reads++, memory.getMany(keys)), get: memory.get.bind(memory), set: memory.set.bind(memory), claim: memory.claim.bind(memory), delete: memory.delete.bind(memory) };
  await isSessionEnded({ sid: id(), userId: id(), signedInAt: 1 }, counting);
  assert.equal(reads, 1);
  const down: SharedState = { ...counting, getMany: async () => Promise.reject(new Error('connect ECONNREFUSED')) };
  await assert.rejects(isSessionEnded({ sid: id(), userId: id(), signedInAt: 1 }, down), SessionStateUnavailableError);
});
