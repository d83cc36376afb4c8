import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_ADMIN } from '../../../sandbox/app';
import { DEMO_AGENT_ONLY_VALUE, DEMO_USERS } from '../../../sandbox/demo';
import { HelpdeskValidationError } from '../errors';
import type { Caller, Helpdesk } from '../types';
import { ADAPTERS, basicHeader, signIn, startSandbox } from './contract-sandbox';
import { failure } from './fake-helpdesk';

/**
 * The help desk's own fields, every adapter and sign-in mode, on the real sandbox: the definitions
 * an end user sees (never an agent-only field), answers sent and shown with titles and labels,
 * the help desk's refusal of a bad answer, and the one-call rule for a request page with a warm
 * definitions cache (the sandbox's call counter).
 */

let sandbox: FastifyInstance;
const admin = { authorization: basicHeader(DEFAULT_ADMIN.email, DEFAULT_ADMIN.password) };

before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

async function calls(email: string): Promise<Record<string, number>> {
  const answer = await sandbox.inject({ method: 'GET', url: `/_sandbox/calls?user=${encodeURIComponent(email)}`, headers: admin });
  return (JSON.parse(answer.body) as { byRoute: Record<string, number> }).byRoute;
}
const resetCalls = () => sandbox.inject({ method: 'DELETE', url: '/_sandbox/calls', headers: admin });

/** The demo printer request of Alice's (answers to Product and "Contact me by phone", and the agent-only cost centre). */
async function printerId(helpdesk: Helpdesk, caller: Caller): Promise<string> {
  const { requests } = await helpdesk.listRequests(caller, { status: 'open', page: 1 });
  const printer = requests.find((r) => r.subject === 'Printer on the 3rd floor keeps jamming');
  assert.ok(printer);
  return printer.id;
}

for (const adapter of ADAPTERS) {
  for (const [mode, make] of [['end user', adapter.endUser], ...Object.entries(adapter.onBehalfOf)] as const) {
    describe(`contract (fields): ${adapter.name}, ${mode}`, () => {
      // Made once the sandbox has made the portal's tokens.
      let helpdesk: Helpdesk;
      before(() => {
        helpdesk = make();
      });

      test('customFields is supported; the definitions are the end-user visible fields in order, with their types and options', async () => {
        assert.equal(helpdesk.capabilities.customFields, true);
        const caller = await signIn(helpdesk, DEMO_USERS.alice);
        const { fields, forms } = await helpdesk.requestFields(caller);
        assert.deepEqual(
          fields.map((f) => [f.title, f.type, f.editable, f.required]),
          [['Order number', 'regexp', true, false], ['Product', 'dropdown', true, false], ['Contact me by phone', 'checkbox', true, false]],
        );
        assert.equal(fields[0]!.pattern, '^ORD-[0-9]{6}$');
        assert.deepEqual(fields[1]!.options.slice(0, 2), [{ value: 'laptop', label: 'Laptop' }, { value: 'monitor', label: 'Monitor' }]);
        assert.ok(!fields.some((f) => f.title === 'Cost centre'), 'an agent-only field is not a RequestField');
        assert.deepEqual(forms, []);
      });

      test('a request shows the answers to visible fields only, titled and labelled; its page is one call with a warm cache', async () => {
        const caller = await signIn(helpdesk, DEMO_USERS.alice);
        const id = await printerId(helpdesk, caller);
        await helpdesk.requestFields(caller); // warm
        await resetCalls();
        const request = await helpdesk.getRequest(caller, id);
        assert.deepEqual(request.answers?.map((a) => [a.title, a.values]), [['Product', ['Printer']], ['Contact me by phone', ['true']]]);
        assert.ok(!JSON.stringify(request).includes(DEMO_AGENT_ONLY_VALUE));
        const counted = await calls(DEMO_USERS.alice.email);
        const total = Object.values(counted).reduce((a, b) => a + b, 0);
        assert.equal(total, adapter.name === 'v2' ? 2 : 1, JSON.stringify(counted));
        assert.ok(!Object.keys(counted).some((route) => route.includes('ticket_field') || route.includes('ticket_form')), JSON.stringify(counted));
      });

      test('a new request carries its answers; a bad one is the help desk\'s clear refusal', async () => {
        const caller = await signIn(helpdesk, DEMO_USERS.alice);
        const { fields } = await helpdesk.requestFields(caller);
        const [order, product, phone] = fields;
        const { id } = await helpdesk.createRequest(caller, {
          subject: `Fields ${adapter.name} ${mode} ${Date.now()}`,
          description: 'With answers',
          uploads: [],
          followUpOf: null,
          fields: [{ fieldId: order!.id, value: 'ORD-123456' }, { fieldId: product!.id, value: 'monitor' }, { fieldId: phone!.id, value: true }],
        });
        const created = await helpdesk.getRequest(caller, id);
        assert.deepEqual(created.answers?.map((a) => a.values), [['ORD-123456'], ['Monitor'], ['true']]);
        const refused = await failure(helpdesk.createRequest(caller, { subject: 'Bad', description: 'x', uploads: [], followUpOf: null, fields: [{ fieldId: order!.id, value: 'nope' }] }));
        assert.ok(refused instanceof HelpdeskValidationError, String(refused));
      });
    });
  }
}
