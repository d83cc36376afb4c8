import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { FakeHelpdesk, xmlReply } from '../../helpdesk/test/fake-helpdesk';
import { checkHelpdesk } from '../readiness';

const helpdesk = new FakeHelpdesk();
const hanging: ServerResponse[] = [];
before(() => helpdesk.start({ timeoutMs: 5_000 }));
after(() => {
  for (const res of hanging) res.destroy();
});

test('ready when the help desk refuses an anonymous call: one call, no credentials', async () => {
  helpdesk.reset((_req, res) => xmlReply(res, 401, '<errors><error>Authentication required</error></errors>'));
  assert.deepEqual(await checkHelpdesk(), { ready: true });
  assert.equal(helpdesk.calls.length, 1);
  assert.equal(helpdesk.calls[0]?.method, 'GET');
  assert.equal(helpdesk.calls[0]?.url, '/users/current.xml');
  assert.equal(helpdesk.calls[0]?.headers.authorization, undefined);
  assert.equal(helpdesk.calls[0]?.headers['x-on-behalf-of'], undefined);
});

test('not ready on a 5xx (no retry), a redirect to a login page, or a wrong base path', async () => {
  for (const [status, headers] of [[503, {}], [502, {}], [302, { Location: '/login' }], [404, {}]] as const) {
    helpdesk.reset((_req, res) => res.writeHead(status, headers).end());
    assert.deepEqual(await checkHelpdesk(), { ready: false, reason: `help desk answered ${status}` });
    assert.equal(helpdesk.calls.length, 1);
  }
});

test('not ready, quickly, when the help desk does not answer in time', async () => {
  helpdesk.reset((_req, res) => void hanging.push(res));
  const started = performance.now();
  assert.deepEqual(await checkHelpdesk(300), { ready: false, reason: 'help desk did not answer within 300 ms' });
  const ms = performance.now() - started;
  assert.ok(ms >= 290 && ms < 1_500, `took ${ms} ms`);
});

test('not ready when nothing listens there', async () => {
  await helpdesk.stop();
  // ECONNREFUSED, or a socket error when a pooled keep-alive connection was the one cut.
  const readiness = await checkHelpdesk();
  assert.ok(!readiness.ready && /^help desk connection failed \((ECONNREFUSED|UND_ERR_SOCKET)\)$/.test(readiness.reason), JSON.stringify(readiness));
});
