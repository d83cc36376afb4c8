import 'server-only';
import { getHelpdesk, HelpdeskError, type Caller, type HelpdeskErrorCode } from '../helpdesk';
import { getConfig } from '../platform/config';
import { isCrossOriginWrite } from '../platform/cross-origin';
import { BodySizeError, countedBody } from './counted-body';
import { sealSecrets } from './form-uploads';
import type { FileIssue } from './issues';
import { sealUpload, type KeptUpload } from './receipt';
import { reclaiming } from './reclaim';
import { checkFile, cleanContentType, cleanFileName } from './rules';

/**
 * One file from the browser to the help desk, streamed: `POST /requests/uploads?name=…` with the
 * file as the raw body (app/requests/uploads/route.ts). Everything that can refuse it is checked
 * before a byte of the body is read: the origin, the session, whether the help desk takes files,
 * the announced size against the limit, the name against the refused types. Then the body goes on
 * to the help desk as it arrives, counted, and what the help desk gives back is sealed for this
 * customer (./receipt.ts).
 */
export type UploadRefusal =
  | { code: 'cross_origin' | 'session_ended' | 'unsupported' | 'length_required' | 'no_name' }
  | { code: 'file'; issue: FileIssue };

export type UploadResult = { ok: true; upload: KeptUpload } | { ok: false; status: number; refusal: UploadRefusal };

/** The file's name: `?name=` (what the portal's own page sends) or an `X-File-Name` header, percent-encoded. */
function announcedName(request: Request): string | null {
  const fromQuery = new URL(request.url).searchParams.get('name');
  if (fromQuery) return fromQuery;
  const header = request.headers.get('x-file-name');
  if (!header) return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

const FILE_STATUS: Record<string, number> = { too_large: 413, blocked_type: 415, empty: 400, incomplete: 400, upload_failed: 502 };

/** How an upload the help desk refused is answered: its own trouble as a 5xx, a refusal of the file as a 422. */
function helpdeskStatus(code: HelpdeskErrorCode): number {
  if (code === 'validation' || code === 'forbidden' || code === 'not_found') return 422;
  if (code === 'timeout') return 504;
  if (code === 'rate_limited') return 429;
  if (code === 'unavailable') return 503;
  return 502;
}

export async function receiveUpload(request: Request, signedIn: { caller: Caller } | null): Promise<UploadResult> {
  const refuse = (status: number, refusal: UploadRefusal): UploadResult => ({ ok: false, status, refusal });
  if (isCrossOriginWrite(request.method, request.headers)) return refuse(403, { code: 'cross_origin' });
  if (!signedIn) return refuse(401, { code: 'session_ended' });
  const helpdesk = getHelpdesk();
  if (!helpdesk.capabilities.attachments) return refuse(404, { code: 'unsupported' });

  const raw = announcedName(request);
  if (!raw) return refuse(400, { code: 'no_name' });
  const fileName = cleanFileName(raw);
  const length = request.headers.get('content-length');
  // Chunked bodies announce no size: it could only be checked after reading, so they are refused.
  if (length === null || !/^\d{1,15}$/.test(length)) return refuse(411, { code: 'length_required' });
  const size = Number(length);
  const problem = checkFile(getConfig().attachments, { name: fileName, size });
  if (problem) return refuse(FILE_STATUS[problem.code] ?? 400, { code: 'file', issue: { ...problem, fileName } });
  if (!request.body) return refuse(400, { code: 'file', issue: { code: 'empty', fileName } });

  const contentType = cleanContentType(request.headers.get('content-type'));
  const body = countedBody(request.body, size);
  try {
    const receipt = await helpdesk.uploadFile(signedIn.caller, { fileName, contentType, size, body: reclaiming(body.stream) });
    return { ok: true, upload: await sealUpload(receipt, { fileName, size, contentType }, signedIn.caller.requesterId, sealSecrets()) };
  } catch (error) {
    if (body.problem() || error instanceof BodySizeError) return refuse(400, { code: 'file', issue: { code: 'incomplete', fileName } });
    if (error instanceof HelpdeskError) {
      if (error.code === 'unauthorized') return refuse(401, { code: 'session_ended' });
      return refuse(helpdeskStatus(error.code), { code: 'file', issue: { code: 'upload_failed', fileName, helpdesk: error.code } });
    }
    throw error;
  }
}
