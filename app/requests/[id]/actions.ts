'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getConfig } from '@/lib/platform/config';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { formTokenFrom, submissionKey, textScope } from '@/lib/forms/form-token';
import { ReplySchema } from '@/lib/forms/request-input';
import { getCaller } from '@/lib/session/session';
import { sharedState } from '@/lib/platform/shared-state';
import { submitOnce, type Found } from '@/lib/forms/submit-once';
import { REQUEST_ID_PATTERN, sameText } from '@/lib/forms/text';
import { logUnfinishedWrite } from '@/lib/forms/write-outcome-log';
import { sessionEndedState, unfinishedWriteState } from '@/lib/forms/write-failure';

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
  const values = { body: String(formData.get('body') ?? '') };
  const token = formTokenFrom(formData);
  const requestId = String(formData.get('requestId') ?? '');
  const here = REQUEST_ID_PATTERN.test(requestId) ? `/requests/${requestId}` : '/requests';
  const signedIn = await getCaller();
  if (!signedIn) return { ...sessionEndedState(here), values, token };

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
    scope: textScope(['reply', id, body]),
    timeoutMs: getConfig().helpdeskTimeoutMs,
    send: async () => {
      await getHelpdesk().addComment(caller, id, body);
      return id;
    },
    findEarlier: (since) => findReplies(caller, id, body, since),
  });
  if (outcome.kind !== 'done') {
    await logUnfinishedWrite('reply', outcome);
    return { ...unfinishedWriteState(outcome, 'reply', here), values, token };
  }
  redirect(`/requests/${outcome.id}?replied=1#latest`);
}
