import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reclaiming } from '../reclaim';

const MiB = 1024 * 1024;

/** A stream of `total` bytes in fresh 64 KiB chunks, as a socket hands them over. */
function source(total: number, fill = (i: number) => i & 0xff) {
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        const chunk = new Uint8Array(Math.min(64 * 1024, total - sent)).fill(fill(sent));
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
}

test('the bytes pass through unchanged, in order', async () => {
  const reader = reclaiming(source(300_000, (i) => i / 65536)).getReader();
  const seen: number[] = [];
  let total = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    seen.push(next.value[0]!);
    total += next.value.byteLength;
  }
  assert.equal(total, 300_000);
  assert.deepEqual(seen, [0, 1, 2, 3, 4]);
});

test('a file passed through leaves only a few megabytes of its chunks waiting to be freed', async () => {
  const reader = reclaiming(source(48 * MiB)).getReader();
  let most = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) most = Math.max(most, process.memoryUsage().arrayBuffers);
  // Without the collections V8 waits for some 64 MB of dead buffers: all 48 MiB would still be there.
  assert.ok(most < 12 * MiB, `at most ${(most / MiB).toFixed(1)} MiB of buffers alive`);
});

test('an error in the source reaches the reader; cancelling reaches the source', async () => {
  const failing = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new Error('connection reset')) });
  await assert.rejects(reclaiming(failing).getReader().read(), /connection reset/);
  let cancelled: unknown = null;
  const watched = new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(1)), cancel: (reason) => void (cancelled = reason) });
  await reclaiming(watched).cancel('stop');
  assert.equal(cancelled, 'stop');
});
