import { createHash } from 'node:crypto';
import type { FileUpload } from '../types';

/** Files for tests: a FileUpload made of bytes, a stream read back, and bytes to compare. */

/** A FileUpload whose body arrives in several chunks, as a browser's does. */
export function fileOf(fileName: string, contentType: string, bytes: Uint8Array, chunk = 7_000): FileUpload {
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
  return { fileName, contentType, size: bytes.length, body };
}

export async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return Buffer.concat(chunks);
}

/** Bytes that are not all alike, so a swapped or shifted chunk shows. */
export const random = (n: number) => new Uint8Array(Array.from({ length: n }, (_, i) => (i * 7919 + n) % 256));
export const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
