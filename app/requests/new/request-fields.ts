import 'server-only';
import { chosenForm, fieldsOnForm } from '@/lib/forms/custom-fields';
import { getHelpdesk, type Caller, type RequestField, type RequestFieldSet, type RequestForm } from '@/lib/helpdesk';
import { getCaller } from '@/lib/session/session';

/** The page's query parameter naming the chosen request form (`/requests/new?ticketForm=ID`: a plain link works without JavaScript). */
export const TICKET_FORM_PARAM = 'ticketForm';
/** The form's hidden field carrying it through every attempt. */
export const TICKET_FORM_FIELD = 'ticketFormId';

/** What the new-request page shows: the form's fields, or the forms to choose from first. */
export type FieldsStep =
  | { kind: 'form'; form: RequestForm | null; fields: RequestField[]; forms: RequestForm[] }
  | { kind: 'choose'; forms: RequestForm[] };

/** The help desk's fields (the cached definitions) for the page; none where the help desk has none. */
export async function fieldsStep(caller: Caller, wanted: string | null): Promise<FieldsStep> {
  const helpdesk = getHelpdesk();
  if (!helpdesk.capabilities.customFields) return { kind: 'form', form: null, fields: [], forms: [] };
  const set: RequestFieldSet = await helpdesk.requestFields(caller);
  const chosen = chosenForm(set, wanted);
  if (!chosen) return { kind: 'choose', forms: set.forms };
  return { kind: 'form', form: chosen.form, fields: fieldsOnForm(set, chosen.form), forms: set.forms };
}

/** The fields a posted form answers (its hidden form id); none without a session (the write says the session ended). */
export async function fieldsForPost(formData: FormData): Promise<{ formId: string | null; fields: RequestField[] }> {
  const wanted = String(formData.get(TICKET_FORM_FIELD) ?? '') || null;
  const signedIn = await getCaller();
  if (!signedIn || !getHelpdesk().capabilities.customFields) return { formId: wanted, fields: [] };
  let step: FieldsStep;
  try {
    step = await fieldsStep(signedIn.caller, wanted);
  } catch {
    // The definitions cannot be read now: the text goes as it is, and the help desk checks its own rules.
    return { formId: wanted, fields: [] };
  }
  return step.kind === 'form' ? { formId: step.form?.id ?? null, fields: step.fields } : { formId: null, fields: [] };
}
