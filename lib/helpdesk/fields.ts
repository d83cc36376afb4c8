import type { FieldAnswer, RequestField, RequestFieldSet, RequestFieldType } from './types';

/**
 * What both adapters share about the help desk's own fields: the field types the portal can show,
 * and turning a request's raw entries into answers, keeping only fields in the (end-user)
 * definitions, so an entry of a field an end user may not see is dropped here.
 */

/** The help desk's type names (Ticket Fields API) the portal shows; any other type (lookup, partial credit card…) is left out. */
export const FIELD_TYPES: Readonly<Record<string, RequestFieldType>> = {
  text: 'text',
  textarea: 'textarea',
  checkbox: 'checkbox',
  tagger: 'dropdown',
  dropdown: 'dropdown',
  multiselect: 'multiselect',
  date: 'date',
  integer: 'integer',
  decimal: 'decimal',
  regexp: 'regexp',
};

/** A raw entry's value: text (classic; multi-select values separated by spaces), or v2's typed JSON. */
export type RawFieldValue = string | boolean | number | string[] | null | undefined;

function asList(value: RawFieldValue): string[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string');
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}

/** The answers to show for a request's raw entries: only fields in `set` (visible to end users), in its order, empty ones left out. */
export function toAnswers(entries: readonly { id: string; value: RawFieldValue }[], set: RequestFieldSet): FieldAnswer[] {
  const byId = new Map(entries.map((e) => [e.id, e.value]));
  const answers: FieldAnswer[] = [];
  for (const field of set.fields) {
    if (!byId.has(field.id)) continue;
    const values = answerValues(field, byId.get(field.id));
    if (values.length > 0) answers.push({ fieldId: field.id, title: field.title, type: field.type, values });
  }
  return answers;
}

function answerValues(field: RequestField, value: RawFieldValue): string[] {
  if (field.type === 'checkbox') return value === true || value === 'true' ? ['true'] : value === false || value === 'false' ? ['false'] : [];
  if (field.type === 'dropdown' || field.type === 'multiselect') {
    // A value that is no longer an option still shows, as stored: the customer gave it.
    return asList(value).map((v) => field.options.find((o) => o.value === v)?.label ?? v);
  }
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  return text.trim() === '' ? [] : [text];
}

/** Whether a request's raw entries hold anything to show (no entries: no definitions needed, no call). */
export const hasEntries = (entries: readonly { value: RawFieldValue }[]) =>
  entries.some((e) => e.value !== null && e.value !== undefined && e.value !== '' && !(Array.isArray(e.value) && e.value.length === 0));

/**
 * The answers of a request, named from the definitions (the cache: no call while it is warm). A
 * help desk whose definitions cannot be read shows no answers rather than no request: they are
 * the lesser part of the page, and nothing unnamed may be shown anyway.
 */
export async function answersFor(entries: readonly { id: string; value: RawFieldValue }[], definitions: () => Promise<RequestFieldSet>): Promise<FieldAnswer[] | undefined> {
  if (!hasEntries(entries)) return undefined;
  try {
    return toAnswers(entries, await definitions());
  } catch {
    return undefined;
  }
}
