'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getConfig } from '@/lib/platform/config';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { formTokenFrom, submissionKey, textScope } from '@/lib/forms/form-token';
import { NewRequestSchema } from '@/lib/forms/request-input';
import { getCaller } from '@/lib/session/session';
import { sharedState } from '@/lib/platform/shared-state';
import { submitOnce, type Found } from '@/lib/forms/submit-once';
import { sameText } from '@/lib/forms/text';
import { logUnfinishedWrite } from '@/lib/forms/write-outcome-log';
import { sessionEndedState, unfinishedWriteState } from '@/lib/forms/write-failure';

export interface NewRequestState {
  errors?: { subject?: string[]; description?: string[] };
  message?: string;
  /** The submitted text, fed back into the form so nothing typed is lost on an error. */
  values?: { subject: string; description: string };
  /** The form's one-time token, kept for the retry so the server recognises the same text. */
  token?: string;
  /** Set when the session has ended: where to log in and come back to this form. */
  signInHref?: string;
}

/** What an earlier attempt may have created: requests with the same text among the user's newest, created since it was sent, oldest first. */
async function findCreated(caller: Caller, input: { subject: string; description: string }, since: number): Promise<Found[]> {
  const { requests } = await getHelpdesk().listRequests(caller, { status: 'open', page: 1 });
  return requests
    .filter((request) => sameText(request.subject ?? '', input.subject) && sameText(request.description, input.description))
    .map((request) => ({ key: requestKey(request.id), id: request.id, at: Date.parse(request.createdAt) }))
    .filter((found) => found.at >= since)
    .sort((a, b) => a.at - b.at || Number(a.id) - Number(b.id));
}

/** A request is its own result: no other form's attempt can have made it. */
const requestKey = (id: string) => `request:${id}`;

export async function submitRequest(_previous: NewRequestState, formData: FormData): Promise<NewRequestState> {
  const values = { subject: String(formData.get('subject') ?? ''), description: String(formData.get('description') ?? '') };
  const token = formTokenFrom(formData);
  // An action is a public endpoint: check the session here, not only in the page that shows the form.
  const signedIn = await getCaller();
  if (!signedIn) return { ...sessionEndedState('/requests/new'), values, token };

  const parsed = NewRequestSchema.safeParse(values);
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors, values, token };

  const { caller } = signedIn;
  const outcome = await submitOnce({
    store: sharedState(),
    requesterId: caller.requesterId,
    token: submissionKey(token, [parsed.data.subject, parsed.data.description]),
    scope: textScope(['request', parsed.data.subject, parsed.data.description]),
    timeoutMs: getConfig().helpdeskTimeoutMs,
    send: async () => (await getHelpdesk().createRequest(caller, parsed.data)).id,
    keyOfSent: requestKey,
    findEarlier: (since) => findCreated(caller, parsed.data, since),
  });
  if (outcome.kind !== 'done') {
    await logUnfinishedWrite('request', outcome);
    return { ...unfinishedWriteState(outcome, 'request', '/requests/new'), values, token };
  }
  redirect(`/requests/${outcome.id}?created=1`);
}
