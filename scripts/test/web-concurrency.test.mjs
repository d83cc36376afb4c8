// WEB_CONCURRENCY: how many workers `npm start` runs, one per core by default, and a clear stop on anything else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { root } from '../lib/processes.mjs';
import { workerCount } from '../lib/web-concurrency.mjs';

test('unset or empty: one worker per core; a whole number from 1 to 64: that many', () => {
  assert.equal(workerCount({}, 6), 6);
  assert.equal(workerCount({ WEB_CONCURRENCY: '  ' }, 3), 3);
  assert.equal(workerCount({ WEB_CONCURRENCY: '1' }, 8), 1);
  assert.equal(workerCount({ WEB_CONCURRENCY: ' 64 ' }, 2), 64);
});

test('anything else is refused with a message naming the variable, the range and the value', () => {
  for (const value of ['0', '65', '-1', '2.5', 'auto', '1e1', '0x2']) {
    assert.throws(() => workerCount({ WEB_CONCURRENCY: value }, 2), (error) => {
      assert.match(error.message, /^\[portico\] WEB_CONCURRENCY must be a whole number from 1 to 64: how many portal worker processes to run \(unset: one per core, 2 on this machine\)\. It is "/);
      assert.ok(error.message.includes(`"${value}"`));
      return true;
    });
  }
});

test('npm start with a wrong WEB_CONCURRENCY stops at once, before a sandbox or a build', () => {
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { cwd: root, env: { ...process.env, WEB_CONCURRENCY: 'many', SANDBOX_PORT: '1' }, encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /WEB_CONCURRENCY must be a whole number from 1 to 64.*It is "many"\./);
  assert.doesNotMatch(run.stdout, /sandbox|build/i);
  assert.ok(Date.now() - started < 5_000);
});
