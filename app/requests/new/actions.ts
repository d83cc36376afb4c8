'use server';

import { getTranslations } from 'next-intl/server';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { NewRequestSchema, type NewRequestInput } from '@/lib/forms/request-input';
import { runWrite } from '@/lib/forms/run-write';
import type { Found } from '@/lib/forms/submit-once';
import { sameText } from '@/lib/forms/text';
import { fieldErrorsInWords } from '../../ui/forms/field-words';
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
  const result = await runWrite({
    what: 'request',
    formData,
    values: { subject: String(formData.get('subject') ?? ''), description: String(formData.get('description') ?? '') },
    returnTo: '/requests/new',
    schema: NewRequestSchema,
    sameWrite: (input) => [input.subject, input.description],
    send: async (caller, input) => (await getHelpdesk().createRequest(caller, { ...input, uploads: [], followUpOf: null })).id,
    keyOfSent: requestKey,
    findEarlier: findCreated,
    doneHref: (id) => `/requests/${id}?created=1`,
  });
  const t = await getTranslations();
  return { ...inWords(t, result, 'request'), errors: fieldErrorsInWords(t, result.errors) };
}
