import { z } from 'zod';
import { FIELD_TYPES, type RawFieldValue } from '../fields';
import type { FieldInput, RequestField, RequestForm } from '../types';
import { id, optionalText, validate } from './document';

/**
 * The help desk's own fields in Zendesk's v2 JSON: List Ticket Fields (`GET /api/v2/ticket_fields`),
 * List Ticket Forms (`GET /api/v2/ticket_forms`), both "Allowed for: Anyone" (end users get only
 * fields with `visible_in_portal` and forms with `end_user_visible`), and a Request's
 * `custom_fields` / `ticket_form_id`. Whatever view the help desk sends, a field not visible in
 * the portal (or inactive, or of a type the portal cannot show) is dropped here.
 */

const rawOption = z.object({ name: optionalText, value: z.union([z.string(), z.number()]).nullish(), default: z.boolean().nullish() });
const rawField = z.object({
  id,
  type: optionalText,
  title: optionalText,
  title_in_portal: optionalText,
  description: optionalText,
  position: z.number().nullish(),
  active: z.boolean().nullish(),
  visible_in_portal: z.boolean().nullish(),
  editable_in_portal: z.boolean().nullish(),
  required_in_portal: z.boolean().nullish(),
  regexp_for_validation: optionalText,
  custom_field_options: z.array(rawOption).nullish(),
});
const fieldsDocument = z.object({ ticket_fields: z.array(rawField) });
const rawForm = z.object({
  id,
  name: optionalText,
  display_name: optionalText,
  active: z.boolean().nullish(),
  end_user_visible: z.boolean().nullish(),
  ticket_field_ids: z.array(z.number()).nullish(),
});
const formsDocument = z.object({ ticket_forms: z.array(rawForm) });

/** List Ticket Fields: the fields visible to end users, by `position` (ties: the answer's order). */
export function parseFieldsJson(text: string): RequestField[] {
  return validate(fieldsDocument, text, 'ticket field list')
    .ticket_fields.map((f, index) => ({ f, index }))
    .filter(({ f }) => f.visible_in_portal === true && f.active !== false && FIELD_TYPES[f.type ?? ''] !== undefined)
    .sort((a, b) => (a.f.position ?? 0) - (b.f.position ?? 0) || a.index - b.index)
    .map(({ f }): RequestField => {
      const options = (f.custom_field_options ?? [])
        .map((o) => ({ value: o.value == null ? '' : String(o.value), label: o.name?.trim() || String(o.value ?? ''), isDefault: o.default === true }))
        .filter((o) => o.value !== '');
      const type = FIELD_TYPES[f.type!]!;
      return {
        id: f.id,
        type,
        title: f.title_in_portal?.trim() || f.title?.trim() || '',
        description: f.description?.trim() || null,
        editable: f.editable_in_portal === true,
        required: f.required_in_portal === true,
        pattern: type === 'regexp' ? f.regexp_for_validation?.trim() || null : null,
        options: options.map(({ value, label }) => ({ value, label })),
        defaults: options.filter((o) => o.isDefault).map((o) => o.value),
      };
    });
}

/** List Ticket Forms: the active, end-user visible forms, each with the visible fields it has. */
export function parseFormsJson(text: string, fields: readonly RequestField[]): RequestForm[] {
  const visible = new Set(fields.map((f) => f.id));
  return validate(formsDocument, text, 'ticket form list')
    .ticket_forms.filter((f) => f.end_user_visible === true && f.active !== false)
    .map((f) => ({ id: f.id, name: f.display_name?.trim() || f.name?.trim() || '', fieldIds: (f.ticket_field_ids ?? []).map(String).filter((fid) => visible.has(fid)) }));
}

/** A Request's `custom_fields` (`[{id, value}]`) as raw entries; toAnswers keeps the visible ones. */
export const rawCustomFields = z
  .array(z.object({ id, value: z.union([z.string(), z.boolean(), z.number(), z.array(z.string())]).nullish() }).loose())
  .nullish()
  .catch(null);

/**
 * A Request answer's raw `custom_fields`, read apart from its details (which have no room for
 * them): only toAnswers, with the end-user definitions, turns them into anything a page sees.
 */
export function parseRequestEntriesJson(text: string): { id: string; value: RawFieldValue }[] {
  const raw = validate(z.object({ request: z.object({ custom_fields: rawCustomFields }) }), text, 'request').request.custom_fields;
  return (raw ?? []).map((e) => ({ id: e.id, value: e.value ?? null }));
}

/** What Create Request sends for each answer: `{id, value}`, a checkbox a boolean, a multi-select an array. */
export function customFieldJson(input: FieldInput): { id: number; value: string | boolean | string[] } {
  return { id: Number(input.fieldId), value: input.value };
}
