import { fileIssueWords, type AttachmentWords } from './file-words';
import type { UploadAnswer } from './upload-file';

const REFUSALS = ['session_ended', 'cross_origin', 'length_required', 'unsupported', 'no_name'] as const;
type Refusal = (typeof REFUSALS)[number];
const isRefusal = (code: string): code is Refusal => (REFUSALS as readonly string[]).includes(code);

/**
 * Why a file did not upload, in the browser's catalog (the page's language, whatever the upload
 * route chose): the file's own issue when the route named one, the route's refusal, or, when
 * nothing answered at all, that it could not be sent.
 */
export function failureWords(t: AttachmentWords, locale: string, fileName: string, answer: Extract<UploadAnswer, { ok: false }>): string {
  if (answer.issue) return fileIssueWords(t, locale, answer.issue);
  if (isRefusal(answer.code)) return t(`attachments.refused.${answer.code}`);
  return t('attachments.problems.upload_failed', { name: fileName, problem: t('helpdesk.unavailable') });
}
