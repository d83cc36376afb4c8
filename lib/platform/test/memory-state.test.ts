// The in-memory shared state (the single process's, and the workers' primary's): a day of writes
// must not make every later write slower, and one-off keys that expired must still be dropped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryState } from '../memory-state';

const DAY = 24 * 3600;
const size = (state: MemoryState) => (Reflect.get(state, 'entries') as Map<string, unknown>).size;

test('a write stays cheap with a day of live keys (each write memo lives a day)', async () => {
  const state = new MemoryState();
  for (let i = 0; i < 20_000; i++) await state.set(`form:1:token-${i}:done`, '42', DAY);
  const walkedBefore = Reflect.get(state, 'walked') as number;
  for (let i = 0; i < 5_000; i++) await state.claim(`form:1:token-x${i}:lock`, '1', 60);
  const walked = (Reflect.get(state, 'walked') as number) - walkedBefore;
  // Walking all 20,000 keys on each write was 100 million visits (over a second); amortised, at most a walk or two.
  assert.ok(walked <= 2 * 25_000, `5,000 writes over 20,000 live keys walked ${walked} entries`);
  assert.equal(await state.get('form:1:token-0:done'), '42', 'live keys are kept');
});

test('one-off keys that expired are swept, so a stream of them stays bounded', async () => {
  const state = new MemoryState();
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 12_000; i++) await state.set(`once:${round}:${i}`, '1', 0.001);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await state.set('last', '1', 60);
  assert.ok(size(state) <= 24_001, `${size(state)} keys kept after 60,000 expired ones`);
  assert.equal(await state.get('last'), '1');
});
