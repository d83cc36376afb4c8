// What an end user may answer on a new request: only fields visible and editable in the portal
// (of the form they chose, when they chose one), each value valid for its type, every field
// required in the portal answered. Both dialects read their body into `Answer`s and call this.
import { ApiError } from './errors';
import type { Db } from './db';
import { fieldStore, type FieldWithOptions } from './store/fields';

export interface Answer {
  fieldId: number;
  /** As sent: text, a checkbox's true/false, a multi-select's option values. */
  value: string | boolean | string[] | null;
}

export interface StoredAnswer {
  fieldId: number;
  /** As the help desk keeps it: a checkbox "true"/"false", a multi-select's values separated by spaces. */
  value: string;
}

/** A refusal naming the field; `field` is the v2 details key (`custom_fields` or the form). */
export class FieldRuleError extends ApiError {
  constructor(readonly field: string, message: string) {
    super(422, message);
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER = /^[+-]?\d{1,18}$/;
const DECIMAL = /^[+-]?\d{1,18}(\.\d{1,18})?$/;
const MAX_FIELD_TEXT = 65535;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

function isEmpty(value: Answer['value']): boolean {
  return value === null || value === false || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function stored(field: FieldWithOptions, value: Answer['value']): string {
  const title = field.title_in_portal || field.title;
  const refuse = (why: string) => new FieldRuleError('custom_fields', `${title} (ticket field ${field.id}): ${why}`);
  if (field.type === 'checkbox') {
    if (typeof value === 'boolean') return String(value);
    if (value === 'true' || value === 'false') return value;
    throw refuse('must be true or false');
  }
  if (field.type === 'multiselect') {
    const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : null;
    if (values === null || values.some((v) => typeof v !== 'string')) throw refuse('must be a list of option values');
    for (const v of values) if (!field.options.some((o) => o.value === v)) throw refuse(`"${v.slice(0, 40)}" is not one of its options`);
    return [...new Set(values)].join(' ');
  }
  if (typeof value !== 'string') throw refuse('must be text');
  if (value.length > MAX_FIELD_TEXT) throw refuse(`is too long (at most ${MAX_FIELD_TEXT} characters)`);
  const text = field.type === 'textarea' ? value : value.trim();
  switch (field.type) {
    case 'tagger':
      if (!field.options.some((o) => o.value === text)) throw refuse(`"${text.slice(0, 40)}" is not one of its options`);
      break;
    case 'date':
      if (!validDate(text)) throw refuse('must be a date, YYYY-MM-DD');
      break;
    case 'integer':
      if (!INTEGER.test(text)) throw refuse('must be a whole number');
      break;
    case 'decimal':
      if (!DECIMAL.test(text)) throw refuse('must be a number');
      break;
    case 'regexp':
      if (field.regexp_for_validation && !new RegExp(field.regexp_for_validation, 'u').test(text)) throw refuse('is not in the expected format');
      break;
    default:
      break;
  }
  return text;
}

/**
 * The answers to keep on a new request, or a 422 naming what is wrong. `formId`: the ticket form
 * the end user chose (must be an end-user visible one); its fields are the ones in play, else every
 * field visible and editable in the portal.
 */
export function checkAnswers(db: Db, answers: readonly Answer[], formId: number | null): StoredAnswer[] {
  const store = fieldStore(db);
  const visible = store.fields({ endUser: true }).filter((f) => f.editable_in_portal === 1);
  let inPlay = visible;
  if (formId !== null) {
    const form = store.forms({ endUser: true }).find((f) => f.id === formId);
    if (!form) throw new FieldRuleError('ticket_form_id', `Ticket form ${formId} is not one an end user may use`);
    inPlay = form.field_ids.flatMap((id) => visible.find((f) => f.id === id) ?? []);
  }
  const byId = new Map(inPlay.map((f) => [f.id, f]));
  const seen = new Set<number>();
  const out: StoredAnswer[] = [];
  for (const answer of answers) {
    if (seen.has(answer.fieldId)) throw new FieldRuleError('custom_fields', `Ticket field ${answer.fieldId} is given more than once`);
    seen.add(answer.fieldId);
    const field = byId.get(answer.fieldId);
    if (!field) throw new FieldRuleError('custom_fields', `Ticket field ${answer.fieldId} is not one an end user may set on this form`);
    if (isEmpty(answer.value)) continue;
    out.push({ fieldId: field.id, value: stored(field, answer.value) });
  }
  for (const field of inPlay) {
    if (field.required_in_portal === 1 && !out.some((a) => a.fieldId === field.id)) {
      throw new FieldRuleError('custom_fields', `${field.title_in_portal || field.title} (ticket field ${field.id}): cannot be blank`);
    }
  }
  return out;
}

/** Keeps checked answers and the chosen form on a new ticket (inside the create's transaction). */
export function saveAnswers(db: Db, setField: (ticketId: number, fieldId: number, value: string) => void, ticketId: number, answers: readonly StoredAnswer[], formId: number | null): void {
  for (const a of answers) setField(ticketId, a.fieldId, a.value);
  if (formId !== null) fieldStore(db).setTicketForm(ticketId, formId);
}
