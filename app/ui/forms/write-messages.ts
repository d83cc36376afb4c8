import { HelpdeskRateLimitedError, HelpdeskValidationError, type HelpdeskError } from '@/lib/helpdesk/errors';
import type { WriteProblem } from '@/lib/forms/write-failure';
import { helpdeskErrorMessage, validationMessages } from '../helpdesk-messages';

/**
 * What a form says when a write does not go through. Every message says that what the user typed
 * is still in the form; when the help desk may have taken it after all, it also says that sending
 * again is safe, because the next attempt checks first (lib/forms/submit-once.ts).
 */
export type What = 'request' | 'reply';

const KEPT = 'Your text is still here.';
const CHECKED = 'we check first, so it won’t be filed twice.';
const SESSION_ENDED = `Your session has ended. ${KEPT} Log in again to send it.`;
const button = (what: What) => (what === 'request' ? 'Submit request' : 'Send reply');

export function writeFailureMessage(error: HelpdeskError, what: What, unsure = false): string {
  switch (error.code) {
    case 'timeout':
      return `The help desk took too long to answer, so we can’t tell yet whether your ${what} arrived. ${KEPT} Wait a moment and press ${button(what)} again: ${CHECKED}`;
    case 'unauthorized':
      return SESSION_ENDED;
    case 'validation':
      if (error instanceof HelpdeskValidationError) return `The help desk did not accept the ${what}: ${validationMessages(error).join(' ')} ${KEPT}`;
      break;
    case 'not_found':
      return what === 'reply' ? `This request no longer exists, so your reply could not be added. ${KEPT}` : `The help desk could not be found. ${KEPT}`;
    case 'rate_limited': {
      const wait = error instanceof HelpdeskRateLimitedError && error.retryAfterSeconds ? ` Please wait about ${waitWords(error.retryAfterSeconds)} and try again.` : '';
      return `The help desk is busy right now and did not take your ${what}. ${KEPT}${wait}`;
    }
    default:
  }
  const said = helpdeskErrorMessage(error);
  return unsure ? `${said} ${KEPT} If you send it again, ${CHECKED}` : `${said} ${KEPT}`;
}

function waitWords(seconds: number): string {
  if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The words for every reason a write did not go through. */
export function writeProblemMessage(problem: WriteProblem, what: What): string {
  switch (problem.kind) {
    case 'session-ended':
      return SESSION_ENDED;
    case 'failed':
      return writeFailureMessage(problem.error, what, problem.unsure);
    case 'in-flight':
      return `This ${what} is already being sent. ${KEPT} Wait a few seconds and press ${button(what)} again: ${CHECKED}`;
    case 'settling':
      return `The help desk was slow to answer a moment ago, so your ${what} may still be arriving. ${KEPT} Wait a few seconds and press ${button(what)} again: ${CHECKED}`;
    case 'store-unavailable':
      return `We couldn’t send your ${what} just now. ${KEPT} Please try again in a minute.`;
  }
}

/** A write's answer as its form shows it: the problem, if any, in words. */
export function inWords<Result extends { problem?: WriteProblem; message?: string }>(result: Result, what: What): Omit<Result, 'problem'> & { message?: string } {
  const { problem, ...rest } = result;
  return problem ? { ...rest, message: writeProblemMessage(problem, what) } : rest;
}
