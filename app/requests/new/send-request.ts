import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FileIssue } from '@/lib/attachments/issues';
import { getHelpdesk, type Caller } from '@/lib/helpdesk';
import { CcSchema, ccsOf } from '@/lib/forms/cc-input';
import { fieldName, readFieldValues, withFields } from '@/lib/forms/custom-fields';
import { NewRequestSchema } from '@/lib/forms/request-input';
import { runWrite } from '@/lib/forms/run-write';
import type { Found } from '@/lib/forms/submit-once';
import { sameText } from '@/lib/forms/text';
import { withFileErrors } from '../../ui/attachments/file-words';
import { fieldWords } from '../../ui/forms/field-words';
import { inWords } from '../../ui/forms/write-messages';
import type { NewRequestState } from './actions';
import { fieldsForPost, TICKET_FORM_PARAM } from './request-fields';

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

/**
 * A new request, from the server action (JavaScript) or from the form posted without it
 * (./send/route.ts): the same write either way. Done: where to go; not done: the form's state, in
 * words, with the text and the files kept.
 */
export async function sendNewRequest(formData: FormData, refusedFiles: FileIssue[] = []): Promise<{ done: true; href: string } | { done: false; state: NewRequestState }> {
  // A follow-up names the closed request it follows (a hidden field of the form, see page.tsx).
  const followUpOf = String(formData.get('followUpOf') ?? '');
  // The help desk's own fields of the form the customer chose (./request-fields.ts).
  const onForm = await fieldsForPost(formData);
  const values = {
    subject: String(formData.get('subject') ?? ''),
    description: String(formData.get('description') ?? ''),
    ccs: ccsOf(formData),
    ...(onForm.fields.length > 0 ? { fields: readFieldValues(formData, onForm.fields) } : {}),
  };
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const outcome = await runWrite({
    what: 'request',
    formData,
    values,
    returnTo: newRequestPage(followUpOf, onForm.formId),
    // The CCs' rules (lib/forms/cc-input.ts) and the help desk's own fields' beside the request's own.
    schema: withFields(NewRequestSchema.extend({ ccs: CcSchema }), onForm.fields),
    unchecked: { ...values, ...values.fields, followUpOf },
    invalid: (fieldErrors) => ({
      errors: {
        subject: fieldWords(t, fieldErrors.subject),
        description: fieldWords(t, fieldErrors.description),
        ccs: fieldWords(t, fieldErrors.ccs),
        ...Object.fromEntries(onForm.fields.map((f) => [fieldName(f), fieldWords(t, fieldErrors[fieldName(f)])])),
      },
      // A link that is not a request number was not typed by the customer: one message for the form.
      message: fieldWords(t, fieldErrors.followUpOf)?.[0],
    }),
    // Other answers and other CCs make another request: they are part of what the same write is.
    sameWrite: (input) => [input.subject, input.description, input.followUpOf ?? '', ...input.ccs, ...(input.fields.length > 0 ? [JSON.stringify(input.fields)] : [])],
    send: async (caller, { ccs, ...input }, uploads) =>
      (await getHelpdesk().createRequest(caller, { ...input, uploads, formId: onForm.formId, ...(ccs.length > 0 ? { ccEmails: ccs } : {}) })).id,
    keyOfSent: requestKey,
    findEarlier: findCreated,
    doneHref: (id) => `/requests/${id}?created=1`,
    refusedFiles,
  });
  if (outcome.done) return outcome;
  const { fileIssues, ...result } = outcome.result;
  return { done: false, state: { ...inWords(t, result, 'request'), errors: withFileErrors(t, locale, result.errors, fileIssues) } };
}

/** The new-request form's page: a follow-up's names the request it follows, a chosen request form its id. */
export function newRequestPage(followUpOf: string | null, ticketForm: string | null = null): string {
  const query = new URLSearchParams();
  if (followUpOf) query.set('followUp', followUpOf);
  if (ticketForm) query.set(TICKET_FORM_PARAM, ticketForm);
  return query.size > 0 ? `/requests/new?${query}` : '/requests/new';
}
