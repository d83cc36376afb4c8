import { getLocale, getTranslations } from 'next-intl/server';
import { otherMethods } from '@/lib/attachments/other-methods';
import { routeSecurityHeaders } from '@/lib/attachments/route-headers';
import { receiveUpload, type UploadRefusal } from '@/lib/attachments/upload';
import { requestLogger } from '@/lib/platform/log';
import { signInHref } from '@/lib/session/safe-next-path';
import { getCaller } from '@/lib/session/session';
import { fileIssueWords } from '../../ui/attachments/file-words';

/**
 * `POST /requests/uploads?name=<file name>`: one file, the raw body, straight on to the help desk
 * (lib/attachments/upload.ts); the answer is JSON, `{ upload: { seal, fileName, size, contentType } }`
 * or `{ error: { code, message, issue? } }` with the words in the customer's language. The file
 * picker (app/ui/attachments/) sends each file here as soon as it is chosen. Outside proxy.ts's
 * matcher: the body must never be held in memory (see lib/attachments/route-headers.ts).
 */
export async function POST(request: Request) {
  const log = await requestLogger({ event: 'upload' });
  const result = await receiveUpload(request, await getCaller());
  const headers = routeSecurityHeaders('/requests/uploads');
  if (result.ok) {
    log.info({ outcome: 'uploaded', size: result.upload.size }, 'file uploaded to the help desk');
    return Response.json({ upload: result.upload }, { headers });
  }
  const { refusal, status } = result;
  log.info({ outcome: 'refused', status, code: refusal.code === 'file' ? refusal.issue.code : refusal.code }, 'upload refused');
  return Response.json({ error: { ...(await inWords(refusal)), ...(refusal.code === 'session_ended' ? { signInHref: signInHref('/requests') } : {}) } }, { status, headers });
}

async function inWords(refusal: UploadRefusal) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  if (refusal.code === 'file') return { code: refusal.issue.code, issue: refusal.issue, message: fileIssueWords(t, locale, refusal.issue) };
  return { code: refusal.code, message: t(`attachments.refused.${refusal.code}`) };
}

/** Every other method: a cross-site write gets the 403 page proxy.ts would give, anyone else a 405. */
const notAllowed = otherMethods(['POST']);
export const PUT = notAllowed;
export const DELETE = notAllowed;
export const PATCH = notAllowed;
