import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FileIssue } from '@/lib/attachments/issues';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { ReplySchema } from '@/lib/forms/request-input';
import { runWrite } from '@/lib/forms/run-write';
import type { Found } from '@/lib/forms/submit-once';
import { REQUEST_ID_PATTERN, sameText } from '@/lib/forms/text';
import { withFileErrors } from '../../ui/attachments/file-words';
import { fieldWords } from '../../ui/forms/field-words';
import { inWords } from '../../ui/forms/write-messages';
import type { ReplyState } from './actions';

/**
 * What an earlier attempt may have added: this user's comments with the same text, added since it
 * was sent, oldest first. Comments have no id in the end-user view; a comment is told apart by its
 * time and its place among the comments made in that same second, which never change.
 */
async function findReplies(caller: Caller, requestId: string, body: string, since: number): Promise<Found[]> {
  const request = await getHelpdesk().getRequest(caller, requestId);
  const sameSecond = new Map<string, number>();
  const found: Found[] = [];
  for (const comment of request.comments) {
    const place = sameSecond.get(comment.createdAt) ?? 0;
    sameSecond.set(comment.createdAt, place + 1);
    const at = Date.parse(comment.createdAt);
    if (comment.author.role === 'you' && sameText(comment.body, body) && at >= since) {
      found.push({ key: `comment:${request.id}:${comment.createdAt}:${place}`, id: request.id, at });
    }
  }
  return found;
}

/**
 * A reply, from the server action (JavaScript) or from the form posted without it
 * (./send/route.ts): the same write either way. Done: where to go; not done: the form's state, in
 * words, with the text and the files kept.
 */
export async function sendReplyForm(formData: FormData, refusedFiles: FileIssue[] = []): Promise<{ done: true; href: string } | { done: false; state: ReplyState }> {
  const body = String(formData.get('body') ?? '');
  const requestId = String(formData.get('requestId') ?? '');
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const outcome = await runWrite({
    what: 'reply',
    formData,
    values: { body },
    returnTo: REQUEST_ID_PATTERN.test(requestId) ? `/requests/${requestId}` : '/requests',
    schema: ReplySchema,
    unchecked: { requestId, body },
    invalid: (fieldErrors) => ({ errors: { body: fieldWords(t, fieldErrors.body) }, message: fieldWords(t, fieldErrors.requestId)?.[0] }),
    sameWrite: (input) => [input.requestId, input.body],
    send: async (caller, input, uploads) => {
      await getHelpdesk().addComment(caller, input.requestId, { body: input.body, uploads, solve: false });
      return input.requestId;
    },
    findEarlier: (caller, input, since) => findReplies(caller, input.requestId, input.body, since),
    doneHref: (id) => `/requests/${id}?replied=1#latest`,
    refusedFiles,
  });
  if (outcome.done) return outcome;
  const { fileIssues, ...result } = outcome.result;
  return { done: false, state: { ...inWords(t, result, 'reply'), errors: withFileErrors(t, locale, result.errors, fileIssues) } };
}
