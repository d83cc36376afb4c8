// A finished render's abort reason must not keep the frames it was made in: they held the
// Immediates that chained every later render (lib/platform/render-release.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { forgetStackOnAbort } from '../render-release';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Aborts `controller` with an Error made in a method of an object (a frame's receiver, like the Immediate that runs React's work); a WeakRef to that object. */
async function abortFromAnObject(controller: AbortController): Promise<WeakRef<object>> {
  const ref = await new Promise<WeakRef<object>>((resolve) => {
    setImmediate(() => {
      const work = {
        rows: Array.from({ length: 1_000 }, (_, i) => `row ${i}`),
        finish() {
          controller.abort(new Error('This render completed successfully.'));
        },
      };
      work.finish();
      resolve(new WeakRef(work));
    });
  });
  // A WeakRef's target lives at least until the current job ends, then a full collection decides.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  return ref;
}

test('without it, an abort reason keeps the objects of the frames it was made in (what chained the renders)', async () => {
  const controller = new AbortController();
  const work = await abortFromAnObject(controller);
  assert.ok(controller.signal.reason instanceof Error);
  assert.notEqual(work.deref(), undefined);
});

test('forgetStackOnAbort: once the signal is aborted, its reason keeps none of them, and still says what happened', async () => {
  const controller = new AbortController();
  forgetStackOnAbort(controller.signal);
  const work = await abortFromAnObject(controller);
  assert.equal(work.deref(), undefined);
  const reason = controller.signal.reason as Error;
  assert.equal(reason.message, 'This render completed successfully.');
  assert.match(reason.stack ?? '', /at Object\.finish/);
});

test('forgetStackOnAbort on a signal already aborted formats its reason at once', async () => {
  const controller = new AbortController();
  const work = await abortFromAnObject(controller);
  forgetStackOnAbort(controller.signal);
  const again = new WeakRef(work.deref() ?? {});
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  assert.equal(again.deref(), undefined);
});
