// WORKER_HEAP_MB: the heap cap each of `npm start`'s workers gets, a default when unset, none with
// 0, the young generation kept at V8's own size, and a clear stop on anything else, from npm start
// and from serve.mjs alike (before a sandbox, a build or a worker is started).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { root } from '../lib/processes.mjs';
import { DEFAULT_WORKER_HEAP_MB, SEMI_SPACE_MB, workerHeapFlags, workerHeapMb } from '../lib/worker-heap.mjs';

test('unset or empty: the default cap; 0: none; a whole number from 64 to 65536: that many MB', () => {
  assert.equal(workerHeapMb({}), DEFAULT_WORKER_HEAP_MB);
  assert.equal(workerHeapMb({ WORKER_HEAP_MB: ' ' }), DEFAULT_WORKER_HEAP_MB);
  assert.equal(workerHeapMb({ WORKER_HEAP_MB: '0' }), null);
  assert.equal(workerHeapMb({ WORKER_HEAP_MB: '64' }), 64);
  assert.equal(workerHeapMb({ WORKER_HEAP_MB: ' 512 ' }), 512);
  assert.equal(workerHeapMb({ WORKER_HEAP_MB: '65536' }), 65_536);
});

test('anything else is refused with a message naming the variable, the range and the value', () => {
  for (const value of ['63', '65537', '-1', '256.5', '256MB', '1e3', '0x100', 'off', '00x']) {
    assert.throws(() => workerHeapMb({ WORKER_HEAP_MB: value }), (error) => {
      assert.match(error.message, /^\[portico\] WORKER_HEAP_MB must be a whole number of megabytes from 64 to 65536, or 0 for no cap: the most heap each portal worker may keep \(unset: \d+\)\. It is "/);
      assert.ok(error.message.includes(`"${value}"`));
      return true;
    });
  }
});

test('a cap gives V8 the old generation size and keeps the young generation at its uncapped size; no cap gives no flags', () => {
  assert.deepEqual(workerHeapFlags(256), ['--max-old-space-size=256', `--max-semi-space-size=${SEMI_SPACE_MB}`]);
  assert.deepEqual(workerHeapFlags(null), []);
});

test('the flags a worker gets are the ones V8 applies: the heap limit is the cap plus the young generation', () => {
  const limitMb = (flags) => {
    const run = spawnSync(process.execPath, [...flags, '-e', 'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit / 2 ** 20))'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return Number(run.stdout);
  };
  const capped = limitMb(workerHeapFlags(128));
  // Old generation 128 MB, plus the young generation: three semi-spaces' worth at most.
  assert.ok(capped >= 128 && capped <= 128 + 3 * SEMI_SPACE_MB, `heap limit ${capped} MB`);
  assert.ok(limitMb(workerHeapFlags(null)) > capped);
});

for (const [name, script] of [
  ['npm start', 'start.mjs'],
  ['serve.mjs (the workers’ primary)', 'serve.mjs'],
]) {
  test(`${name} with a wrong WORKER_HEAP_MB stops with the message, before starting anything`, () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', script)], { cwd: root, env: { ...process.env, WORKER_HEAP_MB: '250MB', SANDBOX_PORT: '1' }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /WORKER_HEAP_MB must be a whole number of megabytes from 64 to 65536, or 0 for no cap.*It is "250MB"\./);
    assert.doesNotMatch(run.stdout, /sandbox|build|Starting/i);
  });
}
