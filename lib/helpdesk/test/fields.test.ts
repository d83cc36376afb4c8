import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFieldsXml, parseFormsXml } from '../classic/fields-xml';
import { parseRequestWithEntriesXml } from '../classic/xml';
import { createFieldCache } from '../field-cache';
import { toAnswers } from '../fields';
import type { Caller, RequestFieldSet } from '../types';
import { parseFieldsJson, parseFormsJson, parseRequestEntriesJson } from '../v2/fields-json';
import { parseRequestDetailsJson, toSupportRequest } from '../v2/json';

/**
 * Parsing the help desk's own fields, in both dialects: only fields visible in the portal (active,
 * of a type the portal shows) become RequestFields, whatever view the help desk sent; answers keep
 * only those; the definitions cache keeps one copy for a while and shares a miss.
 */

const caller: Caller = { credentials: { kind: 'password', email: 'a@example.com', password: 'x' }, requesterId: '3' };

const FIELDS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<ticket-fields type="array" count="4">
  <ticket-field><id>20</id><type>tagger</type><title>Product (agents)</title><title-in-portal>Product</title-in-portal><description>What it is about.</description><position>2</position><active>true</active><visible-in-portal>true</visible-in-portal><editable-in-portal>true</editable-in-portal><required-in-portal>true</required-in-portal><regexp-for-validation nil="true"></regexp-for-validation>
    <custom-field-options type="array"><custom-field-option><id>1</id><name>Laptop</name><value>laptop</value><default>true</default></custom-field-option><custom-field-option><id>2</id><name>Printer</name><value>printer</value><default>false</default></custom-field-option></custom-field-options></ticket-field>
  <ticket-field><id>10</id><type>regexp</type><title>Order number</title><title-in-portal></title-in-portal><description></description><position>1</position><active>true</active><visible-in-portal>true</visible-in-portal><editable-in-portal>true</editable-in-portal><required-in-portal>false</required-in-portal><regexp-for-validation>^ORD-[0-9]{6}$</regexp-for-validation><custom-field-options type="array"></custom-field-options></ticket-field>
  <ticket-field><id>30</id><type>text</type><title>Cost centre</title><position>0</position><active>true</active><visible-in-portal>false</visible-in-portal><editable-in-portal>false</editable-in-portal></ticket-field>
  <ticket-field><id>40</id><type>lookup</type><title>Linked user</title><position>3</position><active>true</active><visible-in-portal>true</visible-in-portal></ticket-field>
  <ticket-field><id>50</id><type>text</type><title>Old</title><position>3</position><active>false</active><visible-in-portal>true</visible-in-portal></ticket-field>
</ticket-fields>`;

const FIELDS_JSON = JSON.stringify({
  ticket_fields: [
    { id: 20, type: 'tagger', title: 'Product (agents)', title_in_portal: 'Product', description: 'What it is about.', position: 2, active: true, visible_in_portal: true, editable_in_portal: true, required_in_portal: true, regexp_for_validation: null, custom_field_options: [{ id: 1, name: 'Laptop', value: 'laptop', default: true }, { id: 2, name: 'Printer', value: 'printer', default: false }] },
    { id: 10, type: 'regexp', title: 'Order number', title_in_portal: '', description: '', position: 1, active: true, visible_in_portal: true, editable_in_portal: true, required_in_portal: false, regexp_for_validation: '^ORD-[0-9]{6}$' },
    { id: 30, type: 'text', title: 'Cost centre', position: 0, active: true, visible_in_portal: false, editable_in_portal: false },
    { id: 40, type: 'lookup', title: 'Linked user', position: 3, active: true, visible_in_portal: true },
    { id: 50, type: 'text', title: 'Old', position: 3, active: false, visible_in_portal: true },
    { id: 60, type: 'subject', title: 'Subject', position: 0, active: true, visible_in_portal: true },
  ],
});

const expectedFields = [
  { id: '10', type: 'regexp', title: 'Order number', description: null, editable: true, required: false, pattern: '^ORD-[0-9]{6}$', options: [], defaults: [] },
  { id: '20', type: 'dropdown', title: 'Product', description: 'What it is about.', editable: true, required: true, pattern: null, options: [{ value: 'laptop', label: 'Laptop' }, { value: 'printer', label: 'Printer' }], defaults: ['laptop'] },
];

describe('field definitions', () => {
  test('classic: only visible, active fields of a known type, by position; the portal title', () => {
    assert.deepEqual(parseFieldsXml(FIELDS_XML), expectedFields);
  });

  test('v2: the same from List Ticket Fields (system fields such as subject and other types left out)', () => {
    assert.deepEqual(parseFieldsJson(FIELDS_JSON), expectedFields);
  });

  test('forms: only end-user visible, active ones, each with the visible fields it has', () => {
    const fields = parseFieldsJson(FIELDS_JSON);
    const xml = `<ticket-forms type="array"><ticket-form><id>7</id><name>Internal</name><display-name>Hardware</display-name><active>true</active><end-user-visible>true</end-user-visible><ticket-field-ids type="array"><ticket-field-id>30</ticket-field-id><ticket-field-id>20</ticket-field-id></ticket-field-ids></ticket-form><ticket-form><id>8</id><name>Agents</name><active>true</active><end-user-visible>false</end-user-visible></ticket-form></ticket-forms>`;
    assert.deepEqual(parseFormsXml(xml, fields), [{ id: '7', name: 'Hardware', fieldIds: ['20'] }]);
    const json = JSON.stringify({ ticket_forms: [{ id: 7, name: 'Internal', display_name: 'Hardware', active: true, end_user_visible: true, ticket_field_ids: [30, 20] }, { id: 8, name: 'Agents', active: true, end_user_visible: false, ticket_field_ids: [] }] });
    assert.deepEqual(parseFormsJson(json, fields), [{ id: '7', name: 'Hardware', fieldIds: ['20'] }]);
  });
});

describe('answers on a request', () => {
  const set: RequestFieldSet = { fields: parseFieldsJson(FIELDS_JSON), forms: [] };

  test('classic: entries of fields not in the definitions (agent-only, unknown) are dropped; options show their labels', () => {
    const xml = `<ticket><nice-id>5</nice-id><created-at>2026-01-01T00:00:00Z</created-at><description>d</description>
      <ticket-field-entries type="array">
        <ticket-field-entry><ticket-field-id>30</ticket-field-id><value>SECRET-COST-CENTRE</value></ticket-field-entry>
        <ticket-field-entry><ticket-field-id>20</ticket-field-id><value>printer</value></ticket-field-entry>
        <ticket-field-entry><ticket-field-id>10</ticket-field-id><value>ORD-123456</value></ticket-field-entry>
      </ticket-field-entries></ticket>`;
    const { request, entries } = parseRequestWithEntriesXml(xml, caller);
    assert.ok(!JSON.stringify(request).includes('SECRET'), 'the request itself carries no entry');
    const answers = toAnswers(entries, set);
    assert.deepEqual(answers, [
      { fieldId: '10', title: 'Order number', type: 'regexp', values: ['ORD-123456'] },
      { fieldId: '20', title: 'Product', type: 'dropdown', values: ['Printer'] },
    ]);
  });

  test('v2: custom_fields the same, read apart from the details; the raw entries never reach the SupportRequest', () => {
    const text = JSON.stringify({
      request: { id: 5, created_at: '2026-01-01T00:00:00Z', custom_fields: [{ id: 30, value: 'SECRET-COST-CENTRE' }, { id: 20, value: 'laptop' }, { id: 10, value: null }] },
    });
    const details = parseRequestDetailsJson(text, caller);
    assert.ok(!JSON.stringify(details).includes('SECRET'), 'the details have no room for entries');
    const request = toSupportRequest(details, [], toAnswers(parseRequestEntriesJson(text), set));
    assert.ok(!JSON.stringify(request).includes('SECRET'));
    assert.deepEqual(request.answers, [{ fieldId: '20', title: 'Product', type: 'dropdown', values: ['Laptop'] }]);
  });
});

describe('the definitions cache', () => {
  const empty: RequestFieldSet = { fields: [], forms: [] };

  test('one load serves every use until the TTL passes; misses at the same time share one load', async () => {
    let loads = 0;
    let clock = 0;
    const cache = createFieldCache(async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 5));
      return empty;
    }, () => 60, () => clock);
    await Promise.all([cache.get(caller), cache.get(caller), cache.get(caller)]);
    assert.equal(loads, 1);
    clock = 59_999;
    await cache.get(caller);
    assert.equal(loads, 1);
    clock = 60_000;
    await cache.get(caller);
    assert.equal(loads, 2);
  });

  test('a failed load is not kept: the next use asks again', async () => {
    let loads = 0;
    const cache = createFieldCache(async () => {
      loads += 1;
      if (loads === 1) throw new Error('down');
      return empty;
    }, () => 60);
    await assert.rejects(cache.get(caller), /down/);
    assert.deepEqual(await cache.get(caller), empty);
    assert.equal(loads, 2);
  });

  test('a TTL of 0 keeps nothing', async () => {
    let loads = 0;
    const cache = createFieldCache(async () => {
      loads += 1;
      return empty;
    }, () => 0);
    await cache.get(caller);
    await cache.get(caller);
    assert.equal(loads, 2);
  });
});
