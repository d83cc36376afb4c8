import 'server-only';
import { Readable } from 'node:stream';
import Busboy, { type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import { reclaiming } from './reclaim';

/**
 * A form posted the way browsers post one (multipart/form-data, or urlencoded), read as it
 * arrives with @fastify/busboy: text fields are collected (they are small, and capped), and each
 * file is handed to `onFile` as a stream the moment its part begins, so no file is ever held whole
 * in memory. `onFile` must consume or discard (`resume()`) every stream it is given, or parsing
 * stops. The parser does not end until every promise `onFile` returned has settled.
 */
export interface IncomingFile {
  fieldName: string;
  /** As the browser sent it; empty when a file input was left empty. */
  fileName: string;
  contentType: string;
  /** Ends early at `maxFileBytes + 1`, `truncated` then true: the file was larger than the limit. */
  stream: BusboyFileStream;
}

export interface ReadForm {
  fields: [string, string][];
  /** Text fields cut off at the field size limit (their name): the form was not read whole. */
  truncated: string[];
}

export interface ReadOptions {
  /** A file's bytes beyond this are not read: the stream ends, marked `truncated`. */
  maxFileBytes: number;
  /** Files beyond this many are skipped unread. */
  maxFiles: number;
  onFile: (file: IncomingFile) => Promise<void> | void;
}

/** A text field may be this long: the longest text the help desk takes is 65,535 characters, at most 4 bytes each. */
const MAX_FIELD_BYTES = 1024 * 1024;

export class FormReadError extends Error {
  readonly code = 'unreadable_form';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FormReadError';
  }
}

export async function readForm(request: Request, options: ReadOptions): Promise<ReadForm> {
  const contentType = request.headers.get('content-type');
  if (!contentType || !request.body) throw new FormReadError('the post has no form body');
  let parser: BusboyInstance;
  try {
    parser = new Busboy({
      headers: { 'content-type': contentType },
      // One byte past the limit tells "too large" from "exactly the limit".
      limits: { fileSize: options.maxFileBytes + 1, files: options.maxFiles, fields: 200, fieldSize: MAX_FIELD_BYTES, parts: 200 + options.maxFiles },
    });
  } catch (error) {
    throw new FormReadError('not a form body', { cause: error });
  }
  const fields: [string, string][] = [];
  const truncated: string[] = [];
  const handling: Promise<void>[] = [];
  const source = Readable.fromWeb(reclaiming(request.body) as import('node:stream/web').ReadableStream<Uint8Array>);

  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      source.unpipe(parser);
      source.destroy();
      reject(error instanceof FormReadError ? error : new FormReadError('the form could not be read', { cause: error }));
    };
    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      fields.push([name, value]);
      if (valueTruncated) truncated.push(name);
    });
    parser.on('file', (fieldName, stream, fileName, _encoding, mimeType) => {
      // Whatever onFile does, a failure is the file's own problem (reported by it), never a hung parser.
      handling.push(
        Promise.resolve()
          .then(() => options.onFile({ fieldName, fileName: fileName ?? '', contentType: mimeType, stream }))
          .catch((error: unknown) => {
            stream.resume();
            throw error;
          }),
      );
    });
    parser.on('error', fail);
    source.on('error', fail);
    parser.on('finish', () => resolve());
    source.pipe(parser);
  });
  await Promise.all(handling);
  return { fields, truncated };
}
