import { z } from 'zod';
import type { FieldInput, RequestField, RequestFieldSet, RequestForm } from '../helpdesk/types';
import { fieldIssue } from './field-issue';
import { MAX_TEXT, NON_XML_CHAR, normalizeNewlines, textLength } from './text';

/**
 * The help desk's own fields on the new-request form: their form names, which ones a chosen form
 * asks, and the help desk's rules (required, whole number, number, date, its pattern, an option
 * that exists), the same in the browser (new-request-form.tsx, before sending) and on the server
 * (the write's schema). Complaints are codes naming the field's title; the form says them.
 */

/** A field's name (and id) in the form: `field_<help desk id>`. */
export const fieldName = (field: Pick<RequestField, 'id'>) => `field_${field.id}`;

/** What the form holds for a field: text, or a multi-select's checked values. */
export type RawFieldValue = string | string[];

/** The form the customer is on: the one chosen, the only one, or none (every field). Null when they must choose first. */
export function chosenForm(set: RequestFieldSet, wanted: string | null): { form: RequestForm | null } | null {
  const form = set.forms.find((f) => f.id === wanted);
  if (form) return { form };
  if (set.forms.length === 0) return { form: null };
  if (set.forms.length === 1) return { form: set.forms[0]! };
  return null;
}

/** The fields the customer fills in on that form, in its order (every editable field when there is no form). */
export function fieldsOnForm(set: RequestFieldSet, form: RequestForm | null): RequestField[] {
  const editable = set.fields.filter((f) => f.editable);
  if (!form) return editable;
  return form.fieldIds.flatMap((id) => editable.find((f) => f.id === id) ?? []);
}

/** A field's raw value from a posted form (a checkbox: "true" or nothing; a multi-select: every checked value). */
export function readFieldValues(formData: FormData, fields: readonly RequestField[]): Record<string, RawFieldValue> {
  const out: Record<string, RawFieldValue> = {};
  for (const field of fields) {
    const name = fieldName(field);
    out[name] = field.type === 'multiselect' ? formData.getAll(name).map(String) : String(formData.get(name) ?? '');
  }
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER = /^[+-]?\d{1,18}$/;
const DECIMAL = /^[+-]?\d{1,18}([.,]\d{1,18})?$/;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
}

/** The help desk's pattern, or null when this JavaScript cannot read it (the help desk still checks). */
function patternOf(field: RequestField): RegExp | null {
  if (!field.pattern) return null;
  try {
    return new RegExp(field.pattern, 'u');
  } catch {
    return null;
  }
}

/** One field's value checked: what to send (absent: nothing typed), or its complaint. */
export function checkField(field: RequestField, raw: RawFieldValue | undefined): { value?: FieldInput['value']; issue?: string } {
  const title = field.title;
  const issue = (code: Parameters<typeof fieldIssue>[0], params: Record<string, string | number> = {}) => ({ issue: fieldIssue(code, { title, ...params }) });
  if (field.type === 'multiselect') {
    const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
    if (values.some((v) => !field.options.some((o) => o.value === v))) return issue('fieldOption');
    if (values.length === 0) return field.required ? issue('fieldRequired') : {};
    return { value: [...new Set(values)] };
  }
  const text = typeof raw === 'string' ? raw : '';
  if (field.type === 'checkbox') {
    if (text === 'true') return { value: true };
    return field.required ? issue('fieldRequired') : {};
  }
  const value = field.type === 'textarea' ? normalizeNewlines(text) : text.trim();
  if (value.trim() === '') return field.required ? issue('fieldRequired') : {};
  if (textLength(value) > MAX_TEXT) return issue('fieldTooLong', { max: MAX_TEXT });
  if (NON_XML_CHAR.test(value) || (field.type !== 'textarea' && /[\u0000-\u001f\u007f]/.test(value))) return { issue: fieldIssue('controlChars') };
  switch (field.type) {
    case 'dropdown':
      return field.options.some((o) => o.value === value) ? { value } : issue('fieldOption');
    case 'integer':
      return INTEGER.test(value) ? { value } : issue('fieldInteger');
    case 'decimal':
      // A decimal comma is read as the point the help desk wants.
      return DECIMAL.test(value) ? { value: value.replace(',', '.') } : issue('fieldDecimal');
    case 'date':
      return validDate(value) ? { value } : issue('fieldDate');
    case 'regexp': {
      const pattern = patternOf(field);
      return pattern === null || pattern.test(value) ? { value } : issue('fieldPattern');
    }
    default:
      return { value };
  }
}

/** Every field's complaints by form name (empty: all good). */
export function fieldComplaints(fields: readonly RequestField[], raw: Record<string, RawFieldValue>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const field of fields) {
    const { issue } = checkField(field, raw[fieldName(field)]);
    if (issue) out[fieldName(field)] = [issue];
  }
  return out;
}

/**
 * The write's schema for these fields: one top-level key per field (so each complaint lands on its
 * own field), read into `fields` (what the help desk gets) after the base schema's own checks.
 */
export function withFields<Base extends z.ZodObject>(base: Base, fields: readonly RequestField[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    shape[fieldName(field)] = z.unknown().optional().transform((raw, ctx) => {
      const checked = checkField(field, typeof raw === 'string' || Array.isArray(raw) ? (raw as RawFieldValue) : undefined);
      if (checked.issue) {
        ctx.addIssue({ code: 'custom', message: checked.issue });
        return z.NEVER;
      }
      // Nothing typed: null (zod refuses an undefined output for a key), left out below.
      return checked.value ?? null;
    });
  }
  return base.extend(shape).transform((parsed) => {
    const all = parsed as Record<string, unknown>;
    const answers: FieldInput[] = [];
    for (const field of fields) {
      const value = all[fieldName(field)] as FieldInput['value'] | null | undefined;
      delete all[fieldName(field)];
      if (value !== null && value !== undefined) answers.push({ fieldId: field.id, value });
    }
    return { ...(all as z.output<Base>), fields: answers };
  });
}
