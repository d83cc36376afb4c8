'use server';

import { getTranslations } from 'next-intl/server';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { ReplySchema } from '@/lib/forms/request-input';
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

export async function sendReply(_previous: ReplyState, formData: FormData): Promise<ReplyState> {
  const body = String(formData.get('body') ?? '');
  const requestId = String(formData.get('requestId') ?? '');
  const t = await getTranslations();
  const result = await runWrite({
    what: 'reply',
    formData,
    values: { body },
    returnTo: REQUEST_ID_PATTERN.test(requestId) ? `/requests/${requestId}` : '/requests',
    schema: ReplySchema,
    unchecked: { requestId, body },
    invalid: (fieldErrors) => ({ errors: { body: fieldWords(t, fieldErrors.body) }, message: fieldWords(t, fieldErrors.requestId)?.[0] }),
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
