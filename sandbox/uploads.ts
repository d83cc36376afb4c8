// Receiving an uploaded file, the same for both dialects and the photo control route: the name
// and type checks and the size limit, decided before a byte is read where the request allows it.
// Refusals are plain ApiErrors; each dialect's error handler gives them its own shape.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, badRequest, unprocessable } from './errors';
import { FileTooLargeError, type FileStore } from './store/files';

/** The portal's default limit (20 MiB a file); SANDBOX_MAX_UPLOAD_BYTES changes it. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * Files that run when opened, refused by name as the portal's defaults do: Windows programs and
 * installers, scripts, Java and Android packages, macOS application bundles, shortcuts.
 */
export const EXECUTABLE_EXTENSIONS: ReadonlySet<string> = new Set([
  'exe', 'bat', 'cmd', 'com', 'msi', 'msp', 'scr', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'jar', 'sh', 'dll', 'apk',
  'app', 'cpl', 'hta', 'pif', 'lnk', 'reg', 'gadget', 'msc', 'ipa',
]);

/** When a client says only "binary" (node-zendesk sends application/binary), the name decides. */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml',
  pdf: 'application/pdf', txt: 'text/plain', log: 'text/plain', csv: 'text/csv', html: 'text/html', htm: 'text/html',
  json: 'application/json', xml: 'application/xml', zip: 'application/zip',
};
const GENERIC_TYPES = new Set(['application/binary', 'application/octet-stream', 'binary/octet-stream']);
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

export interface FileLimits {
  maxBytes: number;
}

/** The last extension, lower case; trailing dots and spaces are ignored, as Windows ignores them. */
function extensionOf(name: string): string {
  const trimmed = name.replace(/[. ]+$/, '');
  const dot = trimmed.lastIndexOf('.');
  return dot === -1 ? '' : trimmed.slice(dot + 1).toLowerCase();
}

/** `?filename=`: required, at most 255 characters, no path and no control characters. */
export function readFileName(query: Record<string, unknown>): string {
  const raw = query['filename'];
  if (typeof raw !== 'string' || raw.trim() === '') throw badRequest('filename is required: ?filename=NAME, the name the file will have');
  if (raw.length > 255) throw unprocessable('The file name is too long (at most 255 characters)');
  if (/[/\\\u0000-\u001f\u007f]/.test(raw)) throw unprocessable('The file name may not contain a path (/ or \\) or control characters');
  if (EXECUTABLE_EXTENSIONS.has(extensionOf(raw))) {
    throw unprocessable(`Executable files cannot be uploaded (.${extensionOf(raw)}): this type of file is refused`);
  }
  return raw;
}

/** The media type to keep: the one the client sent (no parameters), or one guessed from the name when it sent none or only "binary". */
export function fileContentType(header: string | undefined, fileName: string): string {
  const sent = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (sent !== '' && !GENERIC_TYPES.has(sent) && MEDIA_TYPE.test(sent)) return sent;
  return BY_EXTENSION[extensionOf(fileName)] ?? 'application/octet-stream';
}

const tooLarge = (limit: number) =>
  // Connection: close, so a client still sending a body nobody reads is not kept on a live connection.
  new ApiError(413, `The file is too large: at most ${limit} bytes${limit >= 1024 * 1024 ? ` (${Math.floor(limit / 1024 / 1024)} MiB)` : ''} a file`, {
    connection: 'close',
  });

/**
 * Streams a request's body to disk under the limit: a Content-Length over it is a 413 before
 * reading; a chunked (or understated) body is counted while streaming and refused the moment it
 * passes the limit. Returns where the bytes went and how many there were.
 */
export async function receiveFile(req: FastifyRequest, files: FileStore, limits: FileLimits): Promise<{ key: string; size: number }> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limits.maxBytes) throw tooLarge(limits.maxBytes);
  try {
    return await files.receive(req.body as import('node:stream').Readable | undefined, limits.maxBytes);
  } catch (error) {
    if (error instanceof FileTooLargeError) throw tooLarge(limits.maxBytes);
    throw error;
  }
}

/**
 * Routes whose body is a raw file: registered in a scope of their own where any Content-Type is
 * taken as a stream (the API routes keep their XML and JSON parsers, and their 1 MB body limit).
 */
export function rawBodyRoutes(app: FastifyInstance, register: (scope: FastifyInstance) => void): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    register(scope);
  });
}
