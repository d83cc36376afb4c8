import { z } from 'zod';
import { FIELD_TYPES, type RawFieldValue } from '../fields';
import type { FieldInput, RequestField, RequestFieldSet, RequestForm } from '../types';
import { container, readDocument, text, validate } from './document';

/**
 * The help desk's own fields in the classic API: the seed's `<ticket-field-entries>` on a request,
 * and the sandbox's documented extensions `GET /ticket_fields.xml` and `GET /ticket_forms.xml`
 * (sandbox/README.md). A field not marked visible in the portal (or inactive, or of a type the
 * portal cannot show) never becomes a RequestField, whoever's view the help desk sent.
 */

const rawOption = z.object({ id: text.optional(), name: text.optional(), value: text.optional(), default: text.optional() });
const rawField = z.object({
  id: text.optional(),
  type: text.optional(),
  title: text.optional(),
  'title-in-portal': text.optional(),
  description: text.optional(),
  position: text.optional(),
  active: text.optional(),
  'visible-in-portal': text.optional(),
  'editable-in-portal': text.optional(),
  'required-in-portal': text.optional(),
  'regexp-for-validation': text.optional(),
  'custom-field-options': container(z.object({ 'custom-field-option': z.array(rawOption).optional() })).optional(),
});
const fieldsDocument = z.object({ 'ticket-fields': container(z.object({ 'ticket-field': z.array(rawField).optional() })) });
const rawForm = z.object({
  id: text.optional(),
  name: text.optional(),
  'display-name': text.optional(),
  active: text.optional(),
  'end-user-visible': text.optional(),
  'ticket-field-ids': container(z.object({ 'ticket-field-id': z.array(text).optional() })).optional(),
});
const formsDocument = z.object({ 'ticket-forms': container(z.object({ 'ticket-form': z.array(rawForm).optional() })) });

const yes = (value: string | null | undefined) => value?.trim() === 'true';
const digits = (value: string | null | undefined) => (/^\d+$/.test(value?.trim() ?? '') ? value!.trim() : null);

/** `GET /ticket_fields.xml`: the fields visible to end users, in position order. */
export function parseFieldsXml(xml: string): RequestField[] {
  const raw = validate(fieldsDocument, readDocument(xml), 'ticket field list')['ticket-fields']['ticket-field'] ?? [];
  return raw
    .map((f, index) => ({ f, index, position: Number(f.position?.trim() || 0) }))
    .filter(({ f }) => yes(f['visible-in-portal']) && f.active?.trim() !== 'false' && digits(f.id) !== null && FIELD_TYPES[f.type?.trim() ?? ''] !== undefined)
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map(({ f }): RequestField => {
      const options = (f['custom-field-options']?.['custom-field-option'] ?? [])
        .map((o) => ({ value: o.value?.trim() ?? '', label: o.name?.trim() || (o.value?.trim() ?? ''), isDefault: yes(o.default) }))
        .filter((o) => o.value !== '');
      const type = FIELD_TYPES[f.type!.trim()]!;
      return {
        id: digits(f.id)!,
        type,
        title: f['title-in-portal']?.trim() || f.title?.trim() || '',
        description: f.description?.trim() || null,
        editable: yes(f['editable-in-portal']),
        required: yes(f['required-in-portal']),
        pattern: type === 'regexp' ? f['regexp-for-validation']?.trim() || null : null,
        options: options.map(({ value, label }) => ({ value, label })),
        defaults: options.filter((o) => o.isDefault).map((o) => o.value),
      };
    });
}

/** `GET /ticket_forms.xml`: the active, end-user visible forms, each with the visible fields it has. */
export function parseFormsXml(xml: string, fields: readonly RequestField[]): RequestForm[] {
  const raw = validate(formsDocument, readDocument(xml), 'ticket form list')['ticket-forms']['ticket-form'] ?? [];
  const visible = new Set(fields.map((f) => f.id));
  return raw
    .filter((f) => yes(f['end-user-visible']) && f.active?.trim() !== 'false' && digits(f.id) !== null)
    .map((f) => ({
      id: digits(f.id)!,
      name: f['display-name']?.trim() || f.name?.trim() || '',
      fieldIds: (f['ticket-field-ids']?.['ticket-field-id'] ?? []).map((id) => id?.trim() ?? '').filter((id) => visible.has(id)),
    }));
}

export const toFieldSet = (fields: RequestField[], forms: RequestForm[]): RequestFieldSet => ({ fields, forms });

/** A request's `<ticket-field-entries>` as raw entries (toAnswers keeps the visible ones). */
export function entriesOf(raw: { 'ticket-field-entry'?: { 'ticket-field-id'?: string | null; value?: string | null }[] } | undefined): { id: string; value: RawFieldValue }[] {
  return (raw?.['ticket-field-entry'] ?? []).flatMap((e) => {
    const id = digits(e['ticket-field-id']);
    return id === null ? [] : [{ id, value: e.value ?? null }];
  });
}

/** What a new request sends: the seed's entries, a checkbox as true/false, a multi-select's values separated by spaces. */
export function entryValue(input: FieldInput): string {
  if (typeof input.value === 'boolean') return String(input.value);
  return Array.isArray(input.value) ? input.value.join(' ') : input.value;
}
