import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_INTERNAL_NOTE, DEMO_USERS } from '../../../sandbox/demo';
import { HelpdeskNotFoundError, HelpdeskUnauthorizedError } from '../errors';
import type { Caller } from '../types';
import { ADAPTERS, ADMIN_XML_HEADERS, signIn as signInWith, startSandbox } from './contract-sandbox';
import { failure } from './fake-helpdesk';

/**
 * One contract, every adapter: the same tests run against each help desk API on the real bundled
 * sandbox (contract-sandbox.ts). The conversation (authors, details, solving, follow-ups) and files
 * have suites of their own beside this one: contract-conversation.test.ts, contract-files.test.ts.
 */

let sandbox: FastifyInstance;

before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

const { alice, bob } = DEMO_USERS;

for (const adapter of ADAPTERS) {
  describe(`contract: ${adapter.name}`, () => {
    const helpdesk = adapter.endUser();

    const signIn = (user: { email: string; password: string }): Promise<Caller> => signInWith(helpdesk, user);

    test('sign in: the right password gives the requester, a wrong one is unauthorized', async () => {
      const requester = await helpdesk.whoAmI(helpdesk.passwordCredentials(alice.email, alice.password));
      assert.deepEqual({ name: requester.name, email: requester.email }, { name: alice.name, email: alice.email });
      assert.match(requester.id, /^\d+$/);
      assert.ok((await failure(helpdesk.whoAmI(helpdesk.passwordCredentials(alice.email, 'wrong')))) instanceof HelpdeskUnauthorizedError);
      assert.ok((await failure(helpdesk.whoAmI(helpdesk.passwordCredentials('nobody@example.com', 'x')))) instanceof HelpdeskUnauthorizedError);
    });

    test('create, get, list, comment', async () => {
      const caller = await signIn(alice);
      const input = { subject: `Contract ${adapter.name} ${Date.now()}`, description: 'Line one\nLine <two> & "three" 😀', uploads: [], followUpOf: null };
      const { id } = await helpdesk.createRequest(caller, input);
      assert.match(id, /^\d+$/);

      const created = await helpdesk.getRequest(caller, id);
      assert.deepEqual({ id: created.id, subject: created.subject, description: created.description }, { id, subject: input.subject, description: input.description });
      assert.ok(['new', 'open'].includes(created.status), created.status);
      assert.equal(created.comments[0]?.author.role, 'you');

      const { requests, page } = await helpdesk.listRequests(caller, { status: 'open', page: 1 });
      assert.equal(page.number, 1);
      assert.equal(page.hasPrevious, false);
      assert.ok(requests.some((request) => request.id === id && request.subject === input.subject));

      await helpdesk.addComment(caller, id, { body: 'A reply from the contract suite', uploads: [], solve: false });
      const replied = await helpdesk.getRequest(caller, id);
      assert.deepEqual(
        replied.comments.at(-1) && { role: replied.comments.at(-1)?.author.role, body: replied.comments.at(-1)?.body },
        { role: 'you', body: 'A reply from the contract suite' },
      );
    });

    test('the demo conversations: support\'s replies are the agent\'s, internal notes never arrive', async () => {
      const caller = await signIn(alice);
      const lists = await Promise.all([helpdesk.listRequests(caller, { status: 'open', page: 1 }), helpdesk.listRequests(caller, { status: 'solved', page: 1 })]);
      const requests = await Promise.all(lists.flatMap((list) => list.requests).map((summary) => helpdesk.getRequest(caller, summary.id)));
      assert.ok(requests.some((request) => request.comments.some((comment) => comment.author.role === 'agent')), 'some demo request has a reply from support');
      assert.ok(!JSON.stringify(requests).includes(DEMO_INTERNAL_NOTE.slice(0, 30)));
    });

    test('another customer\'s request, and an unknown one, are not found', async () => {
      const aliceCaller = await signIn(alice);
      const { id } = await helpdesk.createRequest(aliceCaller, { subject: 'Only mine', description: 'Private to Alice', uploads: [], followUpOf: null });
      const bobCaller = await signIn(bob);
      assert.ok((await failure(helpdesk.getRequest(bobCaller, id))) instanceof HelpdeskNotFoundError);
      assert.ok((await failure(helpdesk.getRequest(bobCaller, '987654321'))) instanceof HelpdeskNotFoundError);
      const bobs = await helpdesk.listRequests(bobCaller, { status: 'open', page: 1 });
      assert.ok(!bobs.requests.some((request) => request.id === id));
    });

    test('the probe finds the help desk alive', async () => {
      assert.deepEqual(await helpdesk.probe(2_000), { ready: true });
    });

    for (const [mode, acting] of Object.entries(adapter.onBehalfOf)) {
      test(`on behalf of (${mode}): the portal acts for the customer without their password`, async () => {
        const desk = acting();
        const credentials = desk.onBehalfOf(alice.email);
        assert.ok(credentials);
        const requester = await desk.whoAmI(credentials);
        assert.equal(requester.email, alice.email);
        const caller = desk.callerFor({ requester });
        assert.ok(caller);
        const { id } = await desk.createRequest(caller, { subject: 'On behalf', description: 'Sent by the portal for Alice', uploads: [], followUpOf: null });
        const request = await desk.getRequest(caller, id);
        assert.equal(request.comments[0]?.author.role, 'you');
        // No password change yet: nothing to compare a session with.
        assert.equal(requester.passwordChangedAt, undefined);
        // Sign-in in this mode still checks the customer's own password.
        assert.ok((await failure(desk.whoAmI(desk.passwordCredentials(alice.email, 'wrong')))) instanceof HelpdeskUnauthorizedError);
      });

      test(`on behalf of (${mode}): after the help desk sets a new password, whoAmI says when`, async () => {
        const desk = acting();
        assert.equal(desk.capabilities.passwordChanges, true);
        // A customer of this test's own: the demo users' passwords must stay as they are for the
        // other adapters' runs of this suite, on the same sandbox.
        const email = `changed-${mode.replace(/\W+/g, '-').toLowerCase()}-${Date.now()}@example.com`;
        const created = await sandbox.inject({
          method: 'POST',
          url: '/users.xml',
          headers: ADMIN_XML_HEADERS,
          payload: `<user><name>Changes Password</name><email>${email}</email><password>first-password</password><roles>0</roles></user>`,
        });
        assert.equal(created.statusCode, 201, created.body);
        const id = /<id[^>]*>(\d+)<\/id>/.exec(created.body)?.[1];
        const before = Math.floor(Date.now() / 1000) * 1000;
        const changed = await sandbox.inject({ method: 'PUT', url: `/users/${id}.xml`, headers: ADMIN_XML_HEADERS, payload: '<user><password>second-password</password></user>' });
        assert.equal(changed.statusCode, 200, changed.body);
        const requester = await desk.whoAmI(desk.onBehalfOf(email)!);
        const at = Date.parse(requester.passwordChangedAt ?? '');
        assert.ok(at >= before && at <= Date.now(), `passwordChangedAt ${requester.passwordChangedAt}`);
      });
    }
  });
}
