import { HelpdeskRateLimitedError, HelpdeskValidationError, type HelpdeskError } from '@/lib/helpdesk/errors';
import type { WriteProblem } from '@/lib/forms/write-failure';
import type { Translator } from '@/lib/i18n/translator';
import { helpdeskErrorMessage, validationMessages } from '../helpdesk-messages';

/**
 * What a form says when a write does not go through, in the catalog's `write` messages. Every
 * message says that what the user typed is still in the form; when the help desk may have taken
 * it after all, it also says that sending again is safe, because the next attempt checks first
 * (lib/forms/submit-once.ts).
 */
export type What = 'request' | 'reply' | 'solve';

export function writeFailureMessage(t: Translator, error: HelpdeskError, what: What, unsure = false): string {
  switch (error.code) {
    case 'timeout':
      return t('write.timeout', { what });
    case 'unauthorized':
      return t('write.sessionEnded');
    case 'validation':
      // The help desk's reasons, each in the catalog's words (app/ui/helpdesk-messages.ts).
      if (error instanceof HelpdeskValidationError) return t('write.refused', { what, reasons: validationMessages(t, error).join(' ') });
      break;
    case 'not_found':
      return what === 'request' ? t('write.helpdeskGone') : t('write.requestGone');
    case 'rate_limited': {
      const seconds = error instanceof HelpdeskRateLimitedError ? error.retryAfterSeconds : undefined;
      if (!seconds) return t('write.busy', { what });
      return seconds < 90 ? t('write.busySeconds', { what, seconds }) : t('write.busyMinutes', { what, minutes: Math.ceil(seconds / 60) });
    }
    default:
  }
  const problem = helpdeskErrorMessage(t, error);
  return unsure ? t('write.failedUnsure', { problem }) : t('write.failed', { problem });
}

/** The words for every reason a write did not go through. */
export function writeProblemMessage(t: Translator, problem: WriteProblem, what: What): string {
  switch (problem.kind) {
    case 'session-ended':
      return t('write.sessionEnded');
    case 'failed':
      return writeFailureMessage(t, problem.error, what, problem.unsure);
    case 'in-flight':
      return t('write.inFlight', { what });
    case 'settling':
      return t('write.settling', { what });
    case 'store-unavailable':
      return t('write.storeUnavailable', { what });
  }
}

/** A write's answer as its form shows it: the problem, if any, in words. */
export function inWords<Result extends { problem?: WriteProblem; message?: string }>(t: Translator, result: Result, what: What): Omit<Result, 'problem'> & { message?: string } {
  const { problem, ...rest } = result;
  return problem ? { ...rest, message: writeProblemMessage(t, problem, what) } : rest;
}
