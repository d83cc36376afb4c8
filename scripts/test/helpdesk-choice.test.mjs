// What `npm start` prints about the help desk, and the tokens it hands the bundled sandbox.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeHelpdesk, sandboxTokenEnv } from '../lib/helpdesk-choice.mjs';

test('names the API and the sign-in mode', () => {
  assert.match(describeHelpdesk({}), /^Help desk API: classic \(XML\); customers' own passwords/);
  assert.match(describeHelpdesk({ HELPDESK_AGENT_EMAIL: 'agent@example.com' }), /classic .*as the agent agent@example\.com/);
  assert.match(describeHelpdesk({ HELPDESK_API: 'v2' }), /^Help desk API: v2 \(JSON\); customers' own passwords/);
  assert.match(describeHelpdesk({ HELPDESK_API: 'v2', HELPDESK_API_TOKEN: 't' }), /v2 .*API token/);
  assert.match(describeHelpdesk({ HELPDESK_API: 'v2', HELPDESK_OAUTH_TOKEN: 't' }), /v2 .*OAuth token/);
});

test('the portal\'s v2 token becomes the bundled sandbox\'s start token, unless one is set', () => {
  assert.deepEqual(sandboxTokenEnv({ HELPDESK_API: 'v2', HELPDESK_API_TOKEN: 'portal-token-0123456789' }), { SANDBOX_API_TOKEN: 'portal-token-0123456789' });
  assert.deepEqual(sandboxTokenEnv({ HELPDESK_API: 'v2', HELPDESK_OAUTH_TOKEN: 'oauth-0123456789abcdef' }), { SANDBOX_OAUTH_TOKEN: 'oauth-0123456789abcdef' });
  assert.deepEqual(sandboxTokenEnv({ HELPDESK_API: 'v2', HELPDESK_API_TOKEN: 'a-0123456789abcdef', SANDBOX_API_TOKEN: 'b-0123456789abcdef' }), {});
  assert.deepEqual(sandboxTokenEnv({ HELPDESK_API_TOKEN: 'classic-ignores-it' }), {});
});
