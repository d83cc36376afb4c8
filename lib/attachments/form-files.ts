import 'server-only';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getHelpdesk, HelpdeskError, type Caller } from '../helpdesk';
import { getConfig } from '../platform/config';
import { FILES_FIELD, UPLOAD_FIELD } from './fields';
import { sealSecrets } from './form-uploads';
import type { FileIssue } from './issues';
import { readForm, type IncomingFile } from './multipart';
import { sealUpload } from './receipt';
import { reclaiming } from './reclaim';
import { checkFile, cleanContentType, cleanFileName } from './rules';

/**
 * A new-request or reply form posted without JavaScript (app/requests/…/send/route.ts): its text
 * fields, and each file of its `<input type="file" multiple>` checked and sent to the help desk as
 * the form arrives. What comes back is what the server action would have been given: the text
 * fields, plus one sealed upload per file (`upload`), after those the form already carried
 * (files kept from an earlier attempt). A file that breaks a rule is not uploaded and is named in
 * `refused`; the others still are, so a retry does not send them again.
 *
 * Where a file waits: a browser announces no size per file, and the help desk upload needs the
 * size before the first byte (Content-Length, like every upload of the portal's). So each file is
 * written to a temporary file as it arrives (counted, and cut off one byte past the limit), then
 * streamed from there to the help desk while the rest of the form is still arriving, and removed.
 * Memory holds a chunk at a time, never a file.
 */
export interface ReceivedForm {
  formData: FormData;
  refused: FileIssue[];
  /** The body's text fields were cut off (a hostile or broken client). */
  incomplete: boolean;
}

/** Next's own fields for an action posted without JavaScript: meaningless to the route. */
const isActionField = (name: string) => name.startsWith('$ACTION');

export async function receiveForm(request: Request, caller: Caller | null): Promise<ReceivedForm> {
  const rules = getConfig().attachments;
  const takesFiles = caller !== null && getHelpdesk().capabilities.attachments;
  const spool = await mkdtemp(path.join(tmpdir(), 'portico-form-'));
  const refused: FileIssue[] = [];
  const uploads: (string | null)[] = [];
  let chosen = 0;

  const onFile = async ({ fieldName, fileName: raw, contentType, stream }: IncomingFile) => {
    // An empty file input still sends a part with no name.
    if (fieldName !== FILES_FIELD || raw === '' || !getHelpdesk().capabilities.attachments) return void stream.resume();
    const fileName = cleanFileName(raw);
    // Without a session nothing can be uploaded: the file is named, to be chosen again after signing in.
    if (!takesFiles) {
      refused.push({ code: 'session_ended', fileName });
      return void stream.resume();
    }
    const early = checkFile(rules, { name: fileName, size: 1 }, chosen);
    chosen += 1;
    if (early) {
      refused.push({ ...early, fileName });
      return void stream.resume();
    }
    const place = uploads.push(null) - 1;
    const file = path.join(spool, String(place));
    await pipeline(stream, createWriteStream(file, { mode: 0o600 }));
    const { size } = await stat(file);
    const problem = stream.truncated ? { code: 'too_large' as const, maxBytes: rules.maxBytes } : checkFile(rules, { name: fileName, size });
    if (problem) return void refused.push({ ...problem, fileName });
    const type = cleanContentType(contentType);
    try {
      const receipt = await getHelpdesk().uploadFile(caller, { fileName, contentType: type, size, body: reclaiming(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>) });
      uploads[place] = (await sealUpload(receipt, { fileName, size, contentType: type }, caller.requesterId, sealSecrets())).seal;
    } catch (error) {
      if (!(error instanceof HelpdeskError)) throw error;
      refused.push({ code: 'upload_failed', fileName, helpdesk: error.code });
    } finally {
      await rm(file, { force: true });
    }
  };

  try {
    const read = await readForm(request, { maxFileBytes: rules.maxBytes, maxFiles: rules.maxFiles * 2, onFile });
    const formData = new FormData();
    for (const [name, value] of read.fields) if (!isActionField(name)) formData.append(name, value);
    for (const seal of uploads) if (seal) formData.append(UPLOAD_FIELD, seal);
    return { formData, refused, incomplete: read.truncated.some((name) => !isActionField(name)) };
  } finally {
    await rm(spool, { recursive: true, force: true });
  }
}
