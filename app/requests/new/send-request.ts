import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FileIssue } from '@/lib/attachments/issues';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { NewRequestSchema, type NewRequestInput } from '@/lib/forms/request-input';
import { runWrite } from '@/lib/forms/run-write';
import type { Found } from '@/lib/forms/submit-once';
import { sameText } from '@/lib/forms/text';
import { withFileErrors } from '../../ui/attachments/file-words';
import { fieldErrorsInWords } from '../../ui/forms/field-words';
import { inWords } from '../../ui/forms/write-messages';
import type { NewRequestState } from './actions';

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

/**
 * A new request, from the server action (JavaScript) or from the form posted without it
 * (./send/route.ts): the same write either way. Done: where to go; not done: the form's state, in
 * words, with the text and the files kept.
 */
export async function sendNewRequest(formData: FormData, refusedFiles: FileIssue[] = []): Promise<{ done: true; href: string } | { done: false; state: NewRequestState }> {
  const outcome = await runWrite({
    what: 'request',
    formData,
    values: { subject: String(formData.get('subject') ?? ''), description: String(formData.get('description') ?? '') },
    returnTo: '/requests/new',
    schema: NewRequestSchema,
    sameWrite: (input) => [input.subject, input.description],
    send: async (caller, input, uploads) => (await getHelpdesk().createRequest(caller, { ...input, uploads, followUpOf: null })).id,
    keyOfSent: requestKey,
    findEarlier: findCreated,
    doneHref: (id) => `/requests/${id}?created=1`,
    refusedFiles,
  });
  if (outcome.done) return outcome;
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const { fileIssues, ...result } = outcome.result;
  return { done: false, state: { ...inWords(t, result, 'request'), errors: withFileErrors(t, locale, fieldErrorsInWords(t, result.errors), fileIssues) } };
}
