/**
 * A request body on its way through, counted: it must be exactly the size it was announced with
 * (Content-Length, checked against the limit before the first byte was read). More than that is
 * cut off at once rather than passed on; a body that ends short (the connection broke) fails the
 * stream instead of handing the help desk a truncated file that looks whole.
 */
export class BodySizeError extends Error {
  constructor(readonly code: 'too_long' | 'incomplete', message: string) {
    super(message);
    this.name = 'BodySizeError';
  }
}

export interface CountedBody {
  stream: ReadableStream<Uint8Array>;
  /** What was wrong with the body itself, once its stream failed; null when the body was fine (the reader stopped on its own). */
  problem(): BodySizeError | null;
}

export function countedBody(body: ReadableStream<Uint8Array>, expected: number): CountedBody {
  const reader = body.getReader();
  let received = 0;
  let problem: BodySizeError | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch {
          // The client went away mid-upload: that too is a file that did not arrive whole.
          problem = new BodySizeError('incomplete', `the body broke off after ${received} of ${expected} bytes`);
          return controller.error(problem);
        }
        if (next.done) {
          if (received < expected) {
            problem = new BodySizeError('incomplete', `the body ended after ${received} of ${expected} bytes`);
            return controller.error(problem);
          }
          return controller.close();
        }
        received += next.value.byteLength;
        if (received > expected) {
          problem = new BodySizeError('too_long', `the body is longer than the ${expected} bytes announced`);
          controller.error(problem);
          return void reader.cancel(problem).catch(() => {});
        }
        controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    // Nothing is read ahead of the help desk: one chunk at a time, as fast as it takes them.
    { highWaterMark: 0 },
  );
  return { stream, problem: () => problem };
}
