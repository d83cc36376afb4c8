'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { addComment, getRequest, HelpdeskValidationError, type Caller } from '@/lib/helpdesk';
import { formTokenFrom, submissionKey } from '@/lib/form-token';
import { ReplySchema } from '@/lib/request-input';
import { getCaller } from '@/lib/session';
import { sharedState } from '@/lib/shared-state';
import { submitOnce } from '@/lib/submit-once';
import { logUnfinishedWrite } from '@/lib/write-outcome-log';
import { sessionEndedMessage, submitOutcomeMessage } from '@/lib/write-failure';

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

const same = (a: string, b: string) => a.replace(/\r\n?/g, '\n').trim() === b.replace(/\r\n?/g, '\n').trim();

/** An earlier attempt's reply: the same text by this user in the conversation, added since it was sent. */
async function findReply(caller: Caller, requestId: string, body: string, since: number): Promise<string | null> {
  const request = await getRequest(caller, requestId);
  const found = request.comments.some((comment) => comment.author === 'you' && same(comment.body, body) && Date.parse(comment.createdAt) >= since);
  return found ? request.id : null;
}

export async function sendReply(_previous: ReplyState, formData: FormData): Promise<ReplyState> {
  const values = { body: String(formData.get('body') ?? '') };
  const token = formTokenFrom(formData);
  const requestId = String(formData.get('requestId') ?? '');
  const here = /^\d{1,18}$/.test(requestId) ? `/requests/${requestId}` : '/requests';
  const signedIn = await getCaller();
  if (!signedIn) return { message: sessionEndedMessage(), values, token, signInHref: `/login?next=${encodeURIComponent(here)}` };

  const parsed = ReplySchema.safeParse({ requestId, body: values.body });
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return { errors: { body: fieldErrors.body }, message: fieldErrors.requestId?.[0], values, token };
  }

  const { caller } = signedIn;
  const { requestId: id, body } = parsed.data;
  const outcome = await submitOnce({
    store: sharedState(),
    requesterId: caller.requesterId,
    token: submissionKey(token, [id, body]),
    timeoutMs: getConfig().helpdeskTimeoutMs,
    send: async () => {
      await addComment(caller, id, body);
      return id;
    },
    findEarlier: (since) => findReply(caller, id, body, since),
  });
  if (outcome.kind !== 'done') {
    await logUnfinishedWrite('reply', outcome);
    if (outcome.kind === 'failed' && outcome.error instanceof HelpdeskValidationError) {
      return { message: `The help desk did not accept the reply: ${outcome.error.messages.join(' ')} Your text is still here.`, values, token };
    }
    if (outcome.kind === 'failed' && outcome.error.code === 'unauthorized') {
      return { message: submitOutcomeMessage(outcome, 'reply'), values, token, signInHref: `/login?expired=1&next=${encodeURIComponent(here)}` };
    }
    return { message: submitOutcomeMessage(outcome, 'reply'), values, token };
  }
  redirect(`/requests/${outcome.id}?replied=1#latest`);
}
