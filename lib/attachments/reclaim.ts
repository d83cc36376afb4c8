import 'server-only';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Frees a file's chunks as it moves through the portal, not tens of megabytes later.
 *
 * Streaming never holds a file: each chunk is passed on and dropped. But Node frees a dropped
 * chunk's memory only when V8 next collects, and V8 counts such buffers as "external" memory that
 * starts a collection only once about 64 MB of it has piled up since the last one. Each chunk is
 * also copied once or twice on its way through (the request body, the help desk call), so a
 * 20 MB file passing through left the portal 30 MB or more larger until then: memory nothing used,
 * but memory all the same, indistinguishable from a file held whole.
 *
 * So every transfer counts what it passes on, and for each megabyte moved (by all transfers
 * together, so the cost follows the traffic, not the number of transfers) the portal asks V8 for
 * a young-generation collection: a fraction of a millisecond, as nearly everything in it is those
 * chunks. Measured: scripts/measure/attachments.mjs. V8's collector is reached as `--expose-gc`
 * would reach it; where that is refused, nothing is collected early and nothing else changes.
 */
type Collect = (options: { type: 'minor' | 'major' }) => void;

/** Bytes moved, by all transfers together, between two collections. */
export const RECLAIM_EVERY_BYTES = 1024 * 1024;

let collect: Collect | null | undefined;
let moved = 0;

function collector(): Collect | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** Counts `bytes` moved; collects once a megabyte has been. */
export function moving(bytes: number): void {
  moved += bytes;
  if (moved < RECLAIM_EVERY_BYTES) return;
  moved = 0;
  collector()?.({ type: 'minor' });
}

/** The same bytes, one chunk at a time (nothing read ahead), each counted as it is passed on. */
export function reclaiming(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (error) {
          return controller.error(error);
        }
        if (next.done) return controller.close();
        controller.enqueue(next.value);
        moving(next.value.byteLength);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
