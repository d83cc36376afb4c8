import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { checkField, chosenForm, fieldComplaints, fieldsOnForm, readFieldValues, withFields } from '../custom-fields';
import { readFieldIssue } from '../field-issue';
import type { RequestField, RequestFieldSet } from '../../helpdesk/types';

/** The help desk's rules for its own fields, as the form and the write check them. */

const field = (over: Partial<RequestField>): RequestField => ({
  id: '1', type: 'text', title: 'Field', description: null, editable: true, required: false, pattern: null, options: [], defaults: [], ...over,
});
const code = (result: { issue?: string }) => (result.issue ? readFieldIssue(result.issue).code : null);

describe('checkField', () => {
  test('required: an empty text, an unchecked box, no option is refused; optional ones send nothing', () => {
    assert.equal(code(checkField(field({ required: true }), '  ')), 'fieldRequired');
    assert.equal(code(checkField(field({ type: 'checkbox', required: true }), '')), 'fieldRequired');
    assert.equal(code(checkField(field({ type: 'multiselect', required: true, options: [{ value: 'a', label: 'A' }] }), [])), 'fieldRequired');
    assert.deepEqual(checkField(field({}), ''), {});
    assert.deepEqual(checkField(field({ type: 'checkbox' }), ''), {});
    assert.equal(readFieldIssue(checkField(field({ required: true, title: 'Seats' }), '').issue!).params['title'], 'Seats');
  });

  test('whole numbers, numbers, dates', () => {
    assert.deepEqual(checkField(field({ type: 'integer' }), ' 42 '), { value: '42' });
    assert.equal(code(checkField(field({ type: 'integer' }), '4.2')), 'fieldInteger');
    assert.equal(code(checkField(field({ type: 'integer' }), 'twelve')), 'fieldInteger');
    assert.deepEqual(checkField(field({ type: 'decimal' }), '12,5'), { value: '12.5' });
    assert.equal(code(checkField(field({ type: 'decimal' }), '1e3')), 'fieldDecimal');
    assert.deepEqual(checkField(field({ type: 'date' }), '2026-02-28'), { value: '2026-02-28' });
    assert.equal(code(checkField(field({ type: 'date' }), '2026-02-30')), 'fieldDate');
    assert.equal(code(checkField(field({ type: 'date' }), '28/02/2026')), 'fieldDate');
  });

  test("the field's pattern, and options that exist", () => {
    const order = field({ type: 'regexp', pattern: '^ORD-[0-9]{6}$' });
    assert.deepEqual(checkField(order, 'ORD-123456'), { value: 'ORD-123456' });
    assert.equal(code(checkField(order, 'ORD-12')), 'fieldPattern');
    // A pattern this JavaScript cannot read is left to the help desk.
    assert.deepEqual(checkField(field({ type: 'regexp', pattern: '(?<' }), 'x'), { value: 'x' });
    const product = field({ type: 'dropdown', options: [{ value: 'laptop', label: 'Laptop' }] });
    assert.deepEqual(checkField(product, 'laptop'), { value: 'laptop' });
    assert.equal(code(checkField(product, 'toaster')), 'fieldOption');
    const many = field({ type: 'multiselect', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] });
    assert.deepEqual(checkField(many, ['b', 'a', 'b']), { value: ['b', 'a'] });
    assert.equal(code(checkField(many, ['a', 'zzz'])), 'fieldOption');
    assert.deepEqual(checkField(field({ type: 'checkbox' }), 'true'), { value: true });
  });

  test('control characters are refused', () => {
    assert.equal(code(checkField(field({}), 'a\u0000b')), 'controlChars');
  });
});

describe('the form and the write', () => {
  const fields = [field({ id: '1', title: 'Order', type: 'regexp', pattern: '^ORD-[0-9]{6}$' }), field({ id: '2', type: 'multiselect', options: [{ value: 'a', label: 'A' }] }), field({ id: '3', type: 'checkbox', required: true, title: 'Agree' })];

  test('readFieldValues reads each field by its name; complaints land on each field', () => {
    const data = new FormData();
    data.set('field_1', 'nope');
    data.append('field_2', 'a');
    const raw = readFieldValues(data, fields);
    assert.deepEqual(raw, { field_1: 'nope', field_2: ['a'], field_3: '' });
    assert.deepEqual(Object.keys(fieldComplaints(fields, raw)), ['field_1', 'field_3']);
  });

  test('withFields: the base schema plus one key per field, read into `fields`', () => {
    const schema = withFields(z.object({ subject: z.string() }), fields);
    const ok = schema.safeParse({ subject: 's', field_1: 'ORD-000001', field_2: [], field_3: 'true' });
    assert.ok(ok.success);
    assert.deepEqual(ok.data, { subject: 's', fields: [{ fieldId: '1', value: 'ORD-000001' }, { fieldId: '3', value: true }] });
    const bad = schema.safeParse({ subject: 's', field_1: 'x', field_3: '' });
    assert.ok(!bad.success);
    assert.deepEqual(Object.keys(z.flattenError(bad.error).fieldErrors).sort(), ['field_1', 'field_3']);
  });

  test('chosenForm: the one asked for, the only one, none; several and none chosen means choose first', () => {
    const set: RequestFieldSet = { fields, forms: [{ id: '7', name: 'A', fieldIds: ['3', '1'] }, { id: '8', name: 'B', fieldIds: [] }] };
    assert.equal(chosenForm(set, null), null);
    assert.equal(chosenForm(set, '99'), null);
    assert.deepEqual(chosenForm(set, '7'), { form: set.forms[0] });
    assert.deepEqual(fieldsOnForm(set, set.forms[0]!).map((f) => f.id), ['3', '1']);
    assert.deepEqual(chosenForm({ fields, forms: [set.forms[1]!] }, null), { form: set.forms[1] });
    assert.deepEqual(chosenForm({ fields, forms: [] }, '7'), { form: null });
    assert.deepEqual(fieldsOnForm({ fields: [...fields, field({ id: '9', editable: false })], forms: [] }, null).map((f) => f.id), ['1', '2', '3']);
  });
});
