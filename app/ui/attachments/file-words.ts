import { sizeInUnits } from '@/lib/attachments/rules';
import type { FileIssue } from '@/lib/attachments/issues';
import type { HelpdeskErrorCode } from '@/lib/helpdesk/errors';
import type { Translator } from '@/lib/i18n/translator';

/**
 * Files in words, the same in the browser and on the server: a size in the customer's language
 * (`Intl` units: "20 MB", "20 Mo", "20 MB"), and each file issue (lib/attachments/issues.ts) as a
 * sentence of the catalog's `attachments` messages that names the file and the rule.
 */

/** The whole catalog, as next-intl's `useTranslations()` and `getTranslations()` give it. */
export type AttachmentWords = Translator;

export function formatSize(bytes: number, locale: string): string {
  const { value, unit } = sizeInUnits(bytes);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0 }).format(value);
}

/** What a help desk failure means, in the words every page uses for it (app/ui/helpdesk-messages.ts). */
const helpdeskProblem = (t: AttachmentWords, code: HelpdeskErrorCode) => t(`helpdesk.${code}`);

export function fileIssueWords(t: AttachmentWords, locale: string, issue: FileIssue): string {
  switch (issue.code) {
    case 'too_large':
      return t('attachments.problems.too_large', { name: issue.fileName, max: formatSize(issue.maxBytes, locale) });
    case 'blocked_type':
      return t('attachments.problems.blocked_type', { name: issue.fileName, extension: issue.extension });
    case 'empty':
      return t('attachments.problems.empty', { name: issue.fileName });
    case 'too_many':
      return t('attachments.problems.too_many', { name: issue.fileName, max: issue.maxFiles });
    case 'expired':
      return t('attachments.problems.expired', { name: issue.fileName });
    case 'invalid':
      return t('attachments.problems.invalid');
    case 'upload_failed':
      return t('attachments.problems.upload_failed', { name: issue.fileName, problem: helpdeskProblem(t, issue.helpdesk) });
    case 'incomplete':
      return t('attachments.problems.incomplete', { name: issue.fileName });
    case 'session_ended':
      return t('attachments.problems.session_ended', { name: issue.fileName });
  }
}

/** A form's field errors with its file issues added under `files`, the file picker's field. */
export function withFileErrors<Errors extends object>(t: AttachmentWords, locale: string, errors: Errors | undefined, issues: FileIssue[] | undefined): (Errors & { files?: string[] }) | undefined {
  if (!issues || issues.length === 0) return errors;
  return { ...(errors ?? ({} as Errors)), files: issues.map((issue) => fileIssueWords(t, locale, issue)) };
}
