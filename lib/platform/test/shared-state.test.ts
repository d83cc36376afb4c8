import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { createSharedState, type SharedState } from '../shared-state';

function contract(name: string, make: () => SharedState) {
  describe(name, () => {
    test('claim succeeds once per key until it expires', async () => {
      const state = make();
      const key = `claim-${Math.random()}`;
      assert.equal(await state.claim(key, 'a', 1), true);
      assert.equal(await state.claim(key, 'b', 1), false);
      assert.equal(await state.get(key), 'a');
      await new Promise((r) => setTimeout(r, 1_100));
      assert.equal(await state.get(key), null);
      assert.equal(await state.claim(key, 'c', 1), true);
    });

    test('set, get and delete', async () => {
      const state = make();
      const key = `kv-${Math.random()}`;
      await state.set(key, 'value', 60);
      assert.equal(await state.get(key), 'value');
      await state.delete(key);
      assert.equal(await state.get(key), null);
    });

    test('getMany reads several keys at once, in order, null for the missing', async () => {
      const state = make();
      const key = `many-${Math.random()}`;
      await state.set(`${key}-a`, 'A', 60);
      await state.set(`${key}-c`, 'C', 60);
      assert.deepEqual(await state.getMany([`${key}-a`, `${key}-b`, `${key}-c`]), ['A', null, 'C']);
      assert.deepEqual(await state.getMany([]), []);
    });
  });
}

contract('in-memory shared state', () => createSharedState(undefined));

// The Redis backend against a real redis-server, started here on a spare port.
describe('Redis shared state', () => {
  let server: ChildProcess;
  const states: SharedState[] = [];
  const port = 16_379 + (process.pid % 1000);
  before(async () => {
    if (spawnSync('which', ['redis-server']).status !== 0) {
      throw new Error('redis-server is not installed: `apt-get install -y redis-server` (.ci/run does this).');
    }
    server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 300));
  });
  after(async () => {
    await Promise.all(states.map((s) => s.redis?.quit()));
    server.kill();
  });
  const make = () => {
    const state = createSharedState(`redis://127.0.0.1:${port}`);
    states.push(state);
    return state;
  };
  contract('contract', make);
  test('two instances see each other’s claims', async () => {
    const a = make();
    const b = make();
    const key = `shared-${Math.random()}`;
    assert.equal(await a.claim(key, 'first', 30), true);
    assert.equal(await b.claim(key, 'second', 30), false);
    assert.equal(await b.get(key), 'first');
  });
});
