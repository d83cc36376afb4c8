import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryState } from '../memory-state';
import { answerWorker, IpcState, type PrimaryChannel, type WorkersStatus } from '../primary-state';

/**
 * The workers' state without Redis: one MemoryState in the primary, reached over IPC. Here each
 * "worker" gets a channel that, like Node's IPC, copies every message (structuredClone) and
 * delivers it on a later turn of the event loop, so interleavings across workers are real.
 */
function primary(workers: WorkersStatus = { serving: 2, wanted: 2 }) {
  const store = new MemoryState();
  const worker = (): IpcState => {
    let toWorker: (message: unknown) => void = () => {};
    const channel: PrimaryChannel = {
      send: (message) => {
        const copy = structuredClone(message);
        setImmediate(() => answerWorker(store, () => workers, copy, (answer) => setImmediate(() => toWorker(structuredClone(answer)))));
      },
      onMessage: (listener) => void (toWorker = listener),
    };
    return new IpcState(channel);
  };
  return { store, worker };
}

test('a worker reads and writes the primary’s state: claim, get, getMany, set, delete', async () => {
  const { worker } = primary();
  const a = worker();
  const b = worker();
  assert.equal(await a.claim('token', 'first', 60), true);
  assert.equal(await b.claim('token', 'second', 60), false);
  assert.equal(await b.get('token'), 'first');
  await b.set('ended', '1', 60);
  assert.deepEqual(await a.getMany(['token', 'missing', 'ended']), ['first', null, '1']);
  assert.deepEqual(await a.getMany([]), []);
  await a.delete('ended');
  assert.equal(await b.get('ended'), null);
  assert.equal(a.backend, 'primary');
});

test('claims from many workers at once: exactly one wins each key', async () => {
  const { worker } = primary();
  const workers = Array.from({ length: 4 }, worker);
  const wins = await Promise.all(Array.from({ length: 40 }, (_, i) => workers[i % 4]!.claim('once', `attempt ${i}`, 60)));
  assert.equal(wins.filter(Boolean).length, 1);
  const winner = wins.indexOf(true);
  assert.equal(await workers[3]!.get('once'), `attempt ${winner}`);
});

test('entries expire in the primary as they do in memory', async () => {
  const { worker } = primary();
  const a = worker();
  assert.equal(await a.claim('short', 'x', 1), true);
  await new Promise((r) => setTimeout(r, 1_100));
  assert.equal(await a.get('short'), null);
  assert.equal(await worker().claim('short', 'y', 1), true);
});

test('the primary reports its workers, for /readyz', async () => {
  const { worker } = primary({ serving: 1, wanted: 2 });
  assert.deepEqual(await worker().workers(), { serving: 1, wanted: 2 });
});

test('answers of one worker’s calls never resolve another’s (ids are unique per process)', async () => {
  // Two IpcStates on one channel, as the state and the readiness check share a worker's IPC.
  const store = new MemoryState();
  const listeners: ((message: unknown) => void)[] = [];
  const channel: PrimaryChannel = {
    send: (message) => setImmediate(() => answerWorker(store, () => ({ serving: 1, wanted: 1 }), structuredClone(message), (answer) => setImmediate(() => listeners.forEach((l) => l(answer))))),
    onMessage: (listener) => void listeners.push(listener),
  };
  const state = new IpcState(channel);
  const other = new IpcState(channel);
  await state.set('k', 'v', 60);
  const [value, workers] = await Promise.all([state.get('k'), other.workers()]);
  assert.equal(value, 'v');
  assert.deepEqual(workers, { serving: 1, wanted: 1 });
});

test('a primary that does not answer fails the call, as an unreachable Redis would', async () => {
  const silent = new IpcState({ send: () => {}, onMessage: () => {} });
  await assert.rejects(silent.get('x'), /no answer to get within 2000 ms/);
  const broken = new IpcState({ send: () => { throw new Error('channel closed'); }, onMessage: () => {} });
  await assert.rejects(broken.claim('x', 'y', 1), /channel closed/);
});

test('the primary ignores messages that are not ours, and refuses unknown operations', async () => {
  const store = new MemoryState();
  assert.equal(answerWorker(store, () => ({ serving: 1, wanted: 1 }), { nextServerReady: true }, () => assert.fail('answered')), false);
  const answer = await new Promise((resolve) => answerWorker(store, () => ({ serving: 1, wanted: 1 }), { channel: 'portico:shared-state', id: 1, op: 'flushall', args: [] }, resolve));
  assert.deepEqual(answer, { channel: 'portico:shared-state', id: 1, ok: false, message: 'unknown operation flushall' });
});
