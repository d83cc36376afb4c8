'use server';

import { getTranslations } from 'next-intl/server';
import { getHelpdesk, type Caller, type SupportRequest } from '@/lib/helpdesk';
import { ReplySchema, SolveSchema } from '@/lib/forms/request-input';
import { formTokenFrom } from '@/lib/forms/form-token';
import { runWrite } from '@/lib/forms/run-write';
import type { Found } from '@/lib/forms/submit-once';
import { REQUEST_ID_PATTERN, sameText } from '@/lib/forms/text';
import { fieldWords } from '../../ui/forms/field-words';
import { inWords } from '../../ui/forms/write-messages';

export interface ReplyState {
  errors?: { body?: string[] };
  message?: string;
  /** The submitted reply, fed back into the form so nothing typed is lost on an error. */
  values?: { body: string };
  /** The form's one-time token, kept for the retry so the server recognises the same text. */
  token?: string;
  /** Set when the session has ended: where to log in and come back to this request. */
  signInHref?: string;
}

/** Which of the reply form's buttons sent it: `solve` also marks the request solved. */
export type ReplyIntent = 'reply' | 'solve';

/**
 * This user's comments with the same text, added since `since`, oldest first. Comments have no id
 * in the end-user view; a comment is told apart by its time and its place among the comments made
 * in that same second, which never change.
 */
function ownComments(request: SupportRequest, body: string, since: number): Found[] {
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

/** What an earlier attempt at a reply may have added. */
async function findReplies(caller: Caller, requestId: string, body: string, since: number): Promise<Found[]> {
  return ownComments(await getHelpdesk().getRequest(caller, requestId), body, since);
}

/**
 * What an earlier attempt at marking solved may have done. With a last word, that comment: it and
 * the solving are one help desk call, so finding it means both happened (and the request must
 * still be solved or closed, so a plain reply of the same text is not taken for it). Without one,
 * the request itself, solved since the attempt: the key names the moment, so a request solved
 * again another day is another result.
 */
async function findSolved(caller: Caller, requestId: string, body: string, since: number): Promise<Found[]> {
  const request = await getHelpdesk().getRequest(caller, requestId);
  if (request.status !== 'solved' && request.status !== 'closed') return [];
  if (body !== '') return ownComments(request, body, since);
  const at = Date.parse(request.updatedAt);
  return at >= since ? [{ key: `solved:${request.id}:${request.updatedAt}`, id: request.id, at }] : [];
}

export async function sendReply(_previous: ReplyState, formData: FormData): Promise<ReplyState> {
  const body = String(formData.get('body') ?? '');
  const requestId = String(formData.get('requestId') ?? '');
  const intent: ReplyIntent = formData.get('intent') === 'solve' ? 'solve' : 'reply';
  const t = await getTranslations();
  const returnTo = REQUEST_ID_PATTERN.test(requestId) ? `/requests/${requestId}` : '/requests';
  const invalid = (fieldErrors: Record<string, string[] | undefined>) => ({
    errors: { body: fieldWords(t, fieldErrors.body) },
    message: fieldWords(t, fieldErrors.requestId)?.[0],
  });

  if (intent === 'solve') {
    // The button shows only where the help desk allows it; a form from an older page may still say so.
    if (!getHelpdesk().capabilities.solveRequests) return { values: { body }, token: formTokenFrom(formData), message: t('request.solveUnavailable') };
    const result = await runWrite({
      what: 'solve',
      formData,
      values: { body },
      returnTo,
      schema: SolveSchema,
      unchecked: { requestId, body },
      invalid,
      sameWrite: (input) => [input.requestId, input.body],
      send: async (caller, input) => {
        await getHelpdesk().addComment(caller, input.requestId, { body: input.body, uploads: [], solve: true });
        return input.requestId;
      },
      findEarlier: (caller, input, since) => findSolved(caller, input.requestId, input.body, since),
      doneHref: (id) => (body.trim() === '' ? `/requests/${id}?solved=1` : `/requests/${id}?solved=1&replied=1#latest`),
    });
    return inWords(t, result, 'solve');
  }

  const result = await runWrite({
    what: 'reply',
    formData,
    values: { body },
    returnTo,
    schema: ReplySchema,
    unchecked: { requestId, body },
    invalid,
    sameWrite: (input) => [input.requestId, input.body],
    send: async (caller, input) => {
      await getHelpdesk().addComment(caller, input.requestId, { body: input.body, uploads: [], solve: false });
      return input.requestId;
    },
    findEarlier: (caller, input, since) => findReplies(caller, input.requestId, input.body, since),
    doneHref: (id) => `/requests/${id}?replied=1#latest`,
  });
  return inWords(t, result, 'reply');
}
