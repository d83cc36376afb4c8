'use server';

import { getTranslations } from 'next-intl/server';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { ReplySchema, SolveSchema } from '@/lib/forms/request-input';
import { formTokenFrom } from '@/lib/forms/form-token';
import { runWrite } from '@/lib/forms/run-write';
import type { Found } from '@/lib/forms/submit-once';
import { REQUEST_ID_PATTERN } from '@/lib/forms/text';
import { fieldWords } from '../../ui/forms/field-words';
import { inWords } from '../../ui/forms/write-messages';
import { findSolved, ownComments, replyIntent, solvedHref } from './solve';

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

/** What an earlier attempt at a reply may have added. */
async function findReplies(caller: Caller, requestId: string, body: string, since: number): Promise<Found[]> {
  return ownComments(await getHelpdesk().getRequest(caller, requestId), body, since);
}

export async function sendReply(_previous: ReplyState, formData: FormData): Promise<ReplyState> {
  const body = String(formData.get('body') ?? '');
  const requestId = String(formData.get('requestId') ?? '');
  const intent = replyIntent(formData);
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
      doneHref: (id) => solvedHref(id, body),
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
