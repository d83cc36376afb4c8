// Ticket fields and forms: an admin defines them (v2), anyone lists them (end users only what
// they may see), end users answer them on a new request in both dialects, with the help desk's
// rules, and a request's reduced view carries only the answers to fields visible to end users.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_AGENT_ONLY_VALUE } from '../demo';
import { call, child, errorOf, expectV2Error, freshApp, json, v2call, xml } from './helpers';

interface Field {
  id: number;
  type: string;
  title_in_portal: string;
  visible_in_portal: boolean;
  required_in_portal: boolean;
  custom_field_options?: { name: string; value: string }[];
}

async function defineField(app: FastifyInstance, field: Record<string, unknown>): Promise<number> {
  const res = await v2call(app, 'POST', '/api/v2/ticket_fields.json', { auth: 'admin', json: { ticket_field: field } });
  assert.equal(res.status, 201, res.body);
  return json<{ ticket_field: Field }>(res).ticket_field.id;
}

describe('ticket fields and forms', () => {
  let app: FastifyInstance;
  let orderNumber: number;
  let product: number;
  let phone: number;
  let costCentre: number;
  let required: number;
  let form: number;
  let hiddenForm: number;

  before(async () => {
    app = await freshApp();
    const fields = json<{ ticket_fields: (Field & { title: string })[] }>(await v2call(app, 'GET', '/api/v2/ticket_fields.json', { auth: 'admin' })).ticket_fields;
    const byTitle = (title: string) => fields.find((f) => f.title === title)!.id;
    [orderNumber, product, phone, costCentre] = [byTitle('Order number'), byTitle('Product'), byTitle('Contact me by phone'), byTitle('Cost centre')];
    required = await defineField(app, { type: 'integer', title: 'Seats', visible_in_portal: true, editable_in_portal: true, required_in_portal: true, position: 9 });
    const formRes = await v2call(app, 'POST', '/api/v2/ticket_forms.json', { auth: 'admin', json: { ticket_form: { name: 'Licences', ticket_field_ids: [required, product] } } });
    assert.equal(formRes.status, 201, formRes.body);
    form = json<{ ticket_form: { id: number } }>(formRes).ticket_form.id;
    const hidden = await v2call(app, 'POST', '/api/v2/ticket_forms.json', { auth: 'admin', json: { ticket_form: { name: 'Agents only', end_user_visible: false, ticket_field_ids: [costCentre] } } });
    hiddenForm = json<{ ticket_form: { id: number } }>(hidden).ticket_form.id;
  });
  after(() => app.close());

  it('List Ticket Fields: an end user gets only fields visible in the portal, in position order, with their options', async () => {
    const { ticket_fields } = json<{ ticket_fields: Field[] }>(await v2call(app, 'GET', '/api/v2/ticket_fields.json', { auth: 'alice' }));
    assert.deepEqual(ticket_fields.map((f) => f.id), [orderNumber, product, phone, required]);
    assert.ok(ticket_fields.every((f) => f.visible_in_portal));
    assert.deepEqual(ticket_fields[1]!.custom_field_options!.map((o) => o.value), ['laptop', 'monitor', 'printer', 'vpn', 'other']);
    const staff = json<{ ticket_fields: Field[] }>(await v2call(app, 'GET', '/api/v2/ticket_fields.json', { auth: 'agent' })).ticket_fields;
    assert.ok(staff.some((f) => f.id === costCentre), 'staff see agent-only fields');
  });

  it('the classic extension lists the same: /ticket_fields.xml and /ticket_forms.xml, end users only what they may see', async () => {
    const fields = xml(await call(app, 'GET', '/ticket_fields.xml', { as: 'alice' }));
    assert.deepEqual(fields.children.map((f) => Number(child(f, 'id').text)), [orderNumber, product, phone, required]);
    assert.equal(child(fields.children[0]!, 'regexp-for-validation').text, '^ORD-[0-9]{6}$');
    const forms = xml(await call(app, 'GET', '/ticket_forms.xml', { as: 'alice' }));
    assert.deepEqual(forms.children.map((f) => Number(child(f, 'id').text)), [form]);
    assert.deepEqual(child(forms.children[0]!, 'ticket-field-ids').children.map((c) => Number(c.text)), [required, product]);
  });

  it('only an admin defines fields and forms; a bad definition is a clear 422', async () => {
    expectV2Error(await v2call(app, 'POST', '/api/v2/ticket_fields.json', { auth: 'agent', json: { ticket_field: { type: 'text', title: 'X' } } }), 403, 'Forbidden');
    expectV2Error(await v2call(app, 'POST', '/api/v2/ticket_fields.json', { auth: 'admin', json: { ticket_field: { type: 'tagger', title: 'X' } } }), 422, 'RecordInvalid');
    expectV2Error(await v2call(app, 'POST', '/api/v2/ticket_fields.json', { auth: 'admin', json: { ticket_field: { type: 'regexp', title: 'X', regexp_for_validation: '([' } } }), 422, 'RecordInvalid');
    expectV2Error(await v2call(app, 'POST', '/api/v2/ticket_forms.json', { auth: 'admin', json: { ticket_form: { name: 'X', ticket_field_ids: [999] } } }), 422, 'RecordInvalid');
  });

  it('v2 Create Request keeps valid answers and shows them (typed) in the request; the form too', async () => {
    const res = await v2call(app, 'POST', '/api/v2/requests.json', {
      auth: 'alice',
      json: { request: { subject: 'Licences', comment: { body: 'Two more seats.' }, ticket_form_id: form, custom_fields: [{ id: required, value: '2' }, { id: product, value: 'laptop' }] } },
    });
    assert.equal(res.status, 201, res.body);
    const { request } = json<{ request: { id: number; custom_fields: unknown; ticket_form_id: number } }>(res);
    assert.deepEqual(request.custom_fields, [{ id: product, value: 'laptop' }, { id: required, value: '2' }]);
    assert.equal(request.ticket_form_id, form);
  });

  it('v2 Create Request refuses what the rules refuse, naming the field', async () => {
    const send = (custom_fields: unknown, ticket_form_id?: number) =>
      v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', json: { request: { subject: 'S', comment: { body: 'B' }, custom_fields, ...(ticket_form_id ? { ticket_form_id } : {}) } } });
    expectV2Error(await send([{ id: orderNumber, value: 'ORD-12' }, { id: required, value: '1' }]), 422, 'RecordInvalid');
    expectV2Error(await send([{ id: product, value: 'toaster' }, { id: required, value: '1' }]), 422, 'RecordInvalid');
    expectV2Error(await send([{ id: costCentre, value: 'mine' }, { id: required, value: '1' }]), 422, 'RecordInvalid');
    expectV2Error(await send([{ id: required, value: 'two' }]), 422, 'RecordInvalid');
    const blank = expectV2Error(await send([]), 422, 'RecordInvalid');
    assert.match(JSON.stringify(blank['details']), /Seats \(ticket field \d+\): cannot be blank/);
    expectV2Error(await send([{ id: required, value: '1' }], hiddenForm), 422, 'RecordInvalid');
    expectV2Error(await send([{ id: orderNumber, value: 'ORD-123456' }, { id: required, value: '1' }], form), 422, 'RecordInvalid', /Record validation/);
  });

  it('classic POST /requests takes the seed\'s <ticket-field-entries> and <ticket-form-id>, with the same rules', async () => {
    const body = (entries: string, formId = '') =>
      `<ticket><subject>Classic</subject><description>With fields</description>${formId}<ticket-field-entries type="array">${entries}</ticket-field-entries></ticket>`;
    const entry = (id: number, value: string) => `<ticket-field-entry><ticket-field-id>${id}</ticket-field-id><value>${value}</value></ticket-field-entry>`;
    const ok = await call(app, 'POST', '/requests.xml', { as: 'alice', body: body(entry(orderNumber, 'ORD-123456') + entry(phone, 'true') + entry(required, '3')) });
    assert.equal(ok.status, 201, ok.body);
    const entries = child(xml(ok), 'ticket-field-entries').children.map((e) => [Number(child(e, 'ticket-field-id').text), child(e, 'value').text]);
    assert.deepEqual(entries, [[orderNumber, 'ORD-123456'], [phone, 'true'], [required, '3']]);
    const bad = await call(app, 'POST', '/requests.xml', { as: 'alice', body: body(entry(orderNumber, 'nope') + entry(required, '3')) });
    assert.equal(bad.status, 422);
    assert.match(errorOf(bad), /Order number \(ticket field \d+\): is not in the expected format/);
  });

  it('the reduced views never carry an agent-only field; the agent view does', async () => {
    const classic = await call(app, 'GET', '/requests/4.xml', { as: 'alice' });
    assert.ok(!classic.body.includes(DEMO_AGENT_ONLY_VALUE), 'not in the classic request');
    assert.ok(!classic.body.includes('Please contact me by phone during work hours'), 'an undefined field is not shown either');
    const entries = child(xml(classic), 'ticket-field-entries').children.map((e) => Number(child(e, 'ticket-field-id').text));
    assert.deepEqual(entries, [product, phone]);
    for (const url of ['/api/v2/requests/4.json', '/api/v2/requests.json?status=open', '/api/v2/requests/search.json?query=printer']) {
      const res = await v2call(app, 'GET', url, { auth: 'alice' });
      assert.equal(res.status, 200);
      assert.ok(!res.body.includes(DEMO_AGENT_ONLY_VALUE), url);
    }
    for (const url of ['/requests.xml', '/requests/search.xml?query=printer']) assert.ok(!(await call(app, 'GET', url, { as: 'alice' })).body.includes(DEMO_AGENT_ONLY_VALUE), url);
    const agent = await call(app, 'GET', '/tickets/4.xml', { as: 'agent' });
    assert.ok(agent.body.includes(DEMO_AGENT_ONLY_VALUE));
  });
});
