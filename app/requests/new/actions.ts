'use server';

import { getTranslations } from 'next-intl/server';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { NewRequestSchema, type NewRequestInput } from '@/lib/forms/request-input';
import { runWrite } from '@/lib/forms/run-write';
import type { Found } from '@/lib/forms/submit-once';
import { sameText } from '@/lib/forms/text';
import { fieldWords } from '../../ui/forms/field-words';
import { inWords } from '../../ui/forms/write-messages';

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
async function findCreated(caller: Caller, input: NewRequestInput, since: number): Promise<Found[]> {
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
  // A follow-up names the closed request it follows (a hidden field of the form, see page.tsx).
  const followUpOf = String(formData.get('followUpOf') ?? '');
  const t = await getTranslations();
  const result = await runWrite({
    what: 'request',
    formData,
    values,
    returnTo: followUpOf === '' ? '/requests/new' : `/requests/new?${new URLSearchParams({ followUp: followUpOf })}`,
    schema: NewRequestSchema,
    unchecked: { ...values, followUpOf },
    invalid: (fieldErrors) => ({
      errors: { subject: fieldWords(t, fieldErrors.subject), description: fieldWords(t, fieldErrors.description) },
      // A link that is not a request number was not typed by the customer: one message for the form.
      message: fieldWords(t, fieldErrors.followUpOf)?.[0],
    }),
    sameWrite: (input) => [input.subject, input.description, input.followUpOf ?? ''],
    send: async (caller, input) => (await getHelpdesk().createRequest(caller, { ...input, uploads: [] })).id,
    keyOfSent: requestKey,
    findEarlier: findCreated,
    doneHref: (id) => `/requests/${id}?created=1`,
  });
  return inWords(t, result, 'request');
}
