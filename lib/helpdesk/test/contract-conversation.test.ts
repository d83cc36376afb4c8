import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_USERS } from '../../../sandbox/demo';
import { HelpdeskValidationError } from '../errors';
import type { Caller, Helpdesk } from '../types';
import { ADAPTERS, agentUpdate, signIn, startSandbox } from './contract-sandbox';
import { failure } from './fake-helpdesk';

/**
 * Issue 12's conversation, the same for every adapter on the real sandbox: who wrote each comment
 * and the request's details, marking solved (with and without a last comment, and refused when the
 * help desk does not allow it), and following up a closed request.
 */

let sandbox: FastifyInstance;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

const { alice } = DEMO_USERS;
/** The demo agent's id on a fresh sandbox (sandbox/README.md, Demo data). */
const AGENT_ID = '2';

for (const adapter of ADAPTERS) {
  const modes: [string, () => Helpdesk][] = [['end user', adapter.endUser], ...Object.entries(adapter.onBehalfOf)];
  for (const [mode, make] of modes) {
    describe(`contract (${adapter.name}, ${mode}): the conversation`, () => {
      // Made once the sandbox has issued the tokens (the root before()).
      let helpdesk: Helpdesk;
      before(() => {
        helpdesk = make();
      });
      const caller = async (): Promise<Caller> => {
        if (mode === 'end user') return signIn(helpdesk, alice);
        const requester = await helpdesk.whoAmI(helpdesk.onBehalfOf(alice.email)!);
        return helpdesk.callerFor({ requester })!;
      };
      /** A request of Alice's that an agent has taken on: assigned, a question of high priority, answered. */
      async function answeredRequest(subject: string): Promise<{ id: string; you: Caller }> {
        const you = await caller();
        const { id } = await helpdesk.createRequest(you, { subject, description: 'Please help', uploads: [], followUpOf: null });
        await agentUpdate(sandbox, id, `<assignee-id>${AGENT_ID}</assignee-id><ticket-type-id>1</ticket-type-id><priority-id>3</priority-id><comment><is-public>true</is-public><value>On it</value></comment>`);
        return { id, you };
      }

      test('authors by name and role; requester, type, priority; may be solved', async () => {
        const { id, you } = await answeredRequest(`Authors ${adapter.name} ${mode}`);
        const request = await helpdesk.getRequest(you, id);
        assert.deepEqual(
          request.comments.map((c) => ({ ...c.author, body: c.body })),
          [
            { id: you.requesterId, name: alice.name, role: 'you', hasPhoto: false, body: 'Please help' },
            { id: AGENT_ID, name: DEMO_USERS.agent.name, role: 'agent', hasPhoto: false, body: 'On it' },
          ],
        );
        assert.deepEqual(request.requester, { id: you.requesterId, name: alice.name, role: 'you', hasPhoto: false });
        assert.deepEqual(
          { type: request.type, priority: request.priority, canBeSolvedByMe: request.canBeSolvedByMe, followUpOf: request.followUpOf, status: request.status },
          { type: 'question', priority: 'high', canBeSolvedByMe: true, followUpOf: null, status: 'open' },
        );
      });

      test('mark as solved with a last comment, and without one', async () => {
        const first = await answeredRequest('Solved with a word');
        await helpdesk.addComment(first.you, first.id, { body: 'Works now, thanks', uploads: [], solve: true });
        const solved = await helpdesk.getRequest(first.you, first.id);
        assert.deepEqual({ status: solved.status, last: solved.comments.at(-1)?.body, canBeSolvedByMe: solved.canBeSolvedByMe }, { status: 'solved', last: 'Works now, thanks', canBeSolvedByMe: false });

        const second = await answeredRequest('Solved without a word');
        await helpdesk.addComment(second.you, second.id, { body: '', uploads: [], solve: true });
        const quiet = await helpdesk.getRequest(second.you, second.id);
        assert.deepEqual({ status: quiet.status, comments: quiet.comments.length }, { status: 'solved', comments: 2 });
      });

      test('a request nobody has taken on cannot be marked solved: a refusal with its reason, and it stays as it was', async () => {
        const you = await caller();
        const { id } = await helpdesk.createRequest(you, { subject: 'Not assigned yet', description: 'Hello?', uploads: [], followUpOf: null });
        assert.equal((await helpdesk.getRequest(you, id)).canBeSolvedByMe, false);
        const refused = await failure(helpdesk.addComment(you, id, { body: '', uploads: [], solve: true }));
        assert.ok(refused instanceof HelpdeskValidationError);
        assert.deepEqual(refused.reasons.map((r) => r.problem), ['not_solvable']);
        assert.equal((await helpdesk.getRequest(you, id)).status, 'new');
      });

      test('a follow-up of a closed request names it; a request that is not closed cannot be followed up', async () => {
        const { id, you } = await answeredRequest('Closed, then back');
        await agentUpdate(sandbox, id, '<status-id>4</status-id>');
        const { id: followUp } = await helpdesk.createRequest(you, { subject: 'It is back', description: 'Same again', uploads: [], followUpOf: id });
        assert.equal((await helpdesk.getRequest(you, followUp)).followUpOf, id);

        const refused = await failure(helpdesk.createRequest(you, { subject: 'Too early', description: 'x', uploads: [], followUpOf: followUp }));
        assert.ok(refused instanceof HelpdeskValidationError);
        assert.deepEqual(refused.reasons.map((r) => r.problem), ['not_followable']);
      });
    });
  }
}
