import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_ADMIN } from '../../../sandbox/app';
import { DEMO_USERS } from '../../../sandbox/demo';
import type { Helpdesk } from '../types';
import { ADAPTERS, startSandbox } from './contract-sandbox';

/**
 * The email link's look-up (issue 14), the same for every adapter on the real sandbox: the door
 * finds an end user by email with the portal's own credentials, and finds nobody for an unknown
 * email or for staff (an API token could act as an agent: the role decides).
 */
let sandbox: FastifyInstance;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

const { alice, agent } = DEMO_USERS;

for (const adapter of ADAPTERS) {
  for (const [mode, make] of Object.entries(adapter.onBehalfOf)) {
    describe(`contract (${adapter.name}, ${mode}): finding an end user by email`, () => {
      let helpdesk: Helpdesk;
      before(() => {
        helpdesk = make();
      });

      test('an end user: who they are, the same as their own sign-in says', async () => {
        const found = await helpdesk.findEndUser(alice.email);
        assert.ok(found);
        assert.deepEqual({ name: found.name, email: found.email }, { name: alice.name, email: alice.email });
        assert.equal(found.id, (await helpdesk.whoAmI(helpdesk.passwordCredentials(alice.email, alice.password))).id);
        assert.equal((await helpdesk.findEndUser(alice.email.toUpperCase()))?.id, found.id, 'emails are not case-sensitive');
      });

      test('nobody for an unknown email, an agent or the admin', async () => {
        assert.equal(await helpdesk.findEndUser('nobody@example.com'), null);
        assert.equal(await helpdesk.findEndUser(agent.email), null);
        assert.equal(await helpdesk.findEndUser(DEFAULT_ADMIN.email), null);
      });
    });
  }
  test(`contract (${adapter.name}, end user): no look-up without the portal's own credentials`, async () => {
    assert.equal(await adapter.endUser().findEndUser(alice.email), null);
  });
}
