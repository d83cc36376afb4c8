import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BodySizeError, countedBody } from '../counted-body';

const streamOf = (...chunks: number[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const size of chunks) controller.enqueue(new Uint8Array(size));
      controller.close();
    },
  });

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let total = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) total += next.value.byteLength;
  return total;
}

test('a body of exactly the announced size passes through whole', async () => {
  const counted = countedBody(streamOf(3, 4, 5), 12);
  assert.equal(await drain(counted.stream), 12);
  assert.equal(counted.problem(), null);
});

test('a body longer than announced is cut off at the chunk that goes over', async () => {
  const counted = countedBody(streamOf(5, 5, 5), 12);
  await assert.rejects(drain(counted.stream), (error) => error instanceof BodySizeError && error.code === 'too_long');
  assert.equal(counted.problem()?.code, 'too_long');
});

test('a body that ends short fails, never passing for a whole file', async () => {
  const counted = countedBody(streamOf(5), 12);
  await assert.rejects(drain(counted.stream), (error) => error instanceof BodySizeError && error.code === 'incomplete');
  assert.equal(counted.problem()?.code, 'incomplete');
});

test('a client that goes away mid-body is an incomplete file', async () => {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(4));
      controller.error(new Error('aborted'));
    },
  });
  const counted = countedBody(source, 12);
  await assert.rejects(drain(counted.stream), (error) => error instanceof BodySizeError && error.code === 'incomplete');
  assert.equal(counted.problem()?.code, 'incomplete');
});

test('a reader that stops early (the help desk refused) is not the body’s fault', async () => {
  const counted = countedBody(streamOf(4, 4, 4), 12);
  const reader = counted.stream.getReader();
  await reader.read();
  await reader.cancel(new Error('help desk said no'));
  assert.equal(counted.problem(), null);
});
