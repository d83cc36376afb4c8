import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FileIssue } from '@/lib/attachments/issues';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { formTokenFrom } from '@/lib/forms/form-token';
import { CcSchema, ccsOf } from '@/lib/forms/cc-input';
import { ReplySchema, SolveSchema } from '@/lib/forms/request-input';
import { runWrite } from '@/lib/forms/run-write';
import type { Found } from '@/lib/forms/submit-once';
import { REQUEST_ID_PATTERN } from '@/lib/forms/text';
import { withFileErrors } from '../../ui/attachments/file-words';
import { fieldWords } from '../../ui/forms/field-words';
import { inWords } from '../../ui/forms/write-messages';
import type { ReplyState } from './actions';
import { findSolved, ownComments, replyIntent, solvedHref } from './solve';

/** What an earlier attempt at a reply may have added. */
async function findReplies(caller: Caller, requestId: string, body: string, since: number): Promise<Found[]> {
  return ownComments(await getHelpdesk().getRequest(caller, requestId), body, since);
}

/**
 * A reply, or marking the request solved (with a last word or without), from the server action
 * (JavaScript) or from the form posted without it (./send/route.ts): the same write either way,
 * files included. Done: where to go; not done: the form's state, in words, with the text and the
 * files kept.
 */
export async function sendReplyForm(formData: FormData, refusedFiles: FileIssue[] = []): Promise<{ done: true; href: string } | { done: false; state: ReplyState }> {
  const body = String(formData.get('body') ?? '');
  const ccs = ccsOf(formData);
  const requestId = String(formData.get('requestId') ?? '');
  const intent = replyIntent(formData);
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const returnTo = REQUEST_ID_PATTERN.test(requestId) ? `/requests/${requestId}` : '/requests';
  const invalid = (fieldErrors: Record<string, string[] | undefined>) => ({
    errors: { body: fieldWords(t, fieldErrors.body), ccs: fieldWords(t, fieldErrors.ccs) },
    message: fieldWords(t, fieldErrors.requestId)?.[0],
  });

  if (intent === 'solve' && !getHelpdesk().capabilities.solveRequests) {
    // The button shows only where the help desk allows it; a form from an older page may still say so.
    return { done: false, state: { values: { body, ccs }, token: formTokenFrom(formData), message: t('request.solveUnavailable') } };
  }
  // A reply and a solve are one write that differs in four places: its rules, whether the help
  // desk is told to solve, how an earlier attempt is recognised, and where the page goes after.
  const solve = intent === 'solve';
  const outcome = await runWrite({
    what: intent,
    formData,
    values: { body, ccs },
    returnTo,
    // The CCs' rules beside the reply's own (lib/forms/cc-input.ts).
    schema: (solve ? SolveSchema : ReplySchema).extend({ ccs: CcSchema }),
    unchecked: { requestId, body, ccs },
    invalid,
    sameWrite: (input) => [input.requestId, input.body, ...input.ccs],
    send: async (caller, input, uploads) => {
      await getHelpdesk().addComment(caller, input.requestId, { body: input.body, uploads, solve, ...(input.ccs.length > 0 ? { ccEmails: input.ccs } : {}) });
      return input.requestId;
    },
    findEarlier: (caller, input, since) => (solve ? findSolved : findReplies)(caller, input.requestId, input.body, since),
    doneHref: (id) => (solve ? solvedHref(id, body) : `/requests/${id}?replied=1#latest`),
    refusedFiles,
  });
  if (outcome.done) return outcome;
  const { fileIssues, ...result } = outcome.result;
  return { done: false, state: { ...inWords(t, result, intent), errors: withFileErrors(t, locale, result.errors, fileIssues) } };
}
