import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAILED_SIGN_IN_MIN_MS, holdFor, padToMinimum } from '../sign-in-timing';

test('a fast failure waits out the rest of the minimum', async () => {
  const slept: number[] = [];
  const waited = await padToMinimum(1_000, 600, () => 1_150, async (ms) => void slept.push(ms));
  assert.equal(waited, 450);
  assert.deepEqual(slept, [450]);
});

test('a failure that already took longer than the minimum is not delayed further', async () => {
  const slept: number[] = [];
  assert.equal(await padToMinimum(1_000, 600, () => 1_600, async (ms) => void slept.push(ms)), 0);
  assert.equal(await padToMinimum(1_000, 600, () => 2_500, async (ms) => void slept.push(ms)), 0);
  assert.deepEqual(slept, []);
});

test('for real: two failures of very different speed end up taking the same time, within a few ms', async () => {
  const measure = async (work: number) => {
    const started = Date.now();
    await new Promise((r) => setTimeout(r, work));
    await padToMinimum(started, 200);
    return Date.now() - started;
  };
  const [fast, slow] = await Promise.all([measure(1), measure(150)]);
  assert.ok(fast >= 199 && slow >= 199, `${fast} / ${slow}`);
  assert.ok(Math.abs(fast - slow) < 40, `${fast} vs ${slow}`);
  assert.ok(FAILED_SIGN_IN_MIN_MS >= 500, 'the default hides a help desk’s usual answer time');
});

test('an attempt on an email under attack is held for the given time, and not at all for 0', async () => {
  const slept: number[] = [];
  const sleep = async (ms: number) => void slept.push(ms);
  await holdFor(0, sleep);
  await holdFor(1_500, sleep);
  assert.deepEqual(slept, [1_500]);
});
