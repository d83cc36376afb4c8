import { HelpdeskBadResponseError, HelpdeskNotFoundError, HelpdeskValidationError } from './errors';
import { helpdeskDownload, helpdeskPathOf, type Codec } from './transport';
import type { Attachment, FileDownload, FileUpload } from './types';

/**
 * What both adapters do the same with files: a file's description as the customer may see it
 * (never its address), the checks on a file before it is sent, and streaming one back once it was
 * found on the request. Where the help desk says a file is (its content URL) stays in here: the
 * domain types have no field for it, and it is only ever fetched on the help desk's own origin.
 */

/** A file the adapter found on a request, with the address it alone uses to fetch it. */
export interface FoundFile {
  attachment: Attachment;
  contentUrl: string;
}

/** Upload tokens are the help desk's own short words; anything else is not sent, and not believed. */
export const UPLOAD_TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** A media type as the domain keeps it: lower case, no parameters; `application/octet-stream` when missing or unreadable. */
export function mediaType(value: string | null | undefined): string {
  const type = value?.split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPE.test(type) ? type : 'application/octet-stream';
}

/** A file's description from the help desk's fields: a numeric id and a name, or the answer is not usable. */
export function toAttachment(fields: { id: string | null | undefined; fileName: string | null | undefined; contentType: string | null | undefined; size: unknown }): Attachment {
  const id = fields.id?.trim() ?? '';
  if (!/^\d+$/.test(id)) throw new HelpdeskBadResponseError('help desk answer has a file without a numeric id');
  const fileName = fields.fileName?.trim() ?? '';
  if (fileName === '') throw new HelpdeskBadResponseError('help desk answer has a file without a name');
  const size = typeof fields.size === 'number' ? fields.size : typeof fields.size === 'string' && /^\d+$/.test(fields.size.trim()) ? Number(fields.size) : null;
  return { id, fileName, contentType: mediaType(fields.contentType), size: size !== null && Number.isSafeInteger(size) && size >= 0 ? size : null };
}

/** What goes into an upload call's query and headers, checked: the portal built the FileUpload, this is the last line. */
export function checkedUpload(file: FileUpload): { fileName: string; contentType: string; size: number } {
  if (file.fileName.trim() === '' || file.fileName.length > 255 || /[/\\\u0000-\u001f\u007f]/.test(file.fileName)) {
    throw new HelpdeskValidationError(['The file name cannot be sent as it is.'], 'file name is empty, too long, or has a path or control characters');
  }
  if (!Number.isSafeInteger(file.size) || file.size < 0) throw new Error(`FileUpload.size must be a byte count (got ${file.size})`);
  return { fileName: file.fileName, contentType: mediaType(file.contentType), size: file.size };
}

/**
 * Streams a file found on the caller's request from the help desk; not found there is not found,
 * whoever's it is. An address outside the help desk's origin is refused before any call.
 */
export async function downloadFound(
  found: FoundFile | null,
  call: { codec: Codec; auth: Record<string, string>; requesterId?: string },
  what: string,
): Promise<FileDownload> {
  if (!found) throw new HelpdeskNotFoundError(`no such ${what} on the request's public comments`);
  const path = helpdeskPathOf(found.contentUrl);
  // An HTML file is the file, not a login page: the portal decides how to serve it.
  const { body } = await helpdeskDownload(path, { ...call, allowHtml: found.attachment.contentType === 'text/html' });
  return { attachment: found.attachment, body };
}
