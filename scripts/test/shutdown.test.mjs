// Against the production build (`npm test` makes it; run alone, this file builds first when the
// build is missing or older than the source): a SIGTERM lets in-flight requests finish, `npm start`
// passes it on and exits 0, /readyz follows the help desk, and the server's log carries request ids
// but no password, cookie or email.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../load/customer-flow.mjs';
import { sandboxClient } from '../lib/sandbox-client.mjs';
import { ensureBuild, freePort, startPortal, startSandbox } from '../lib/servers.mjs';
import { root, stop, waitFor } from '../lib/processes.mjs';

before(() => ensureBuild());
const running = [];
after(async () => {
  for (const child of running.reverse()) await stop(child, 5_000);
});

const exited = (child) => new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
const refuses = (url) => fetch(url, { signal: AbortSignal.timeout(2_000) }).then(() => false, () => true);

test('next start: a SIGTERM lets a slow page finish, refuses new connections, then exits; the log leaks nothing', { timeout: 90_000 }, async () => {
  const sandbox = await startSandbox();
  running.push(sandbox.child);
  const portal = await startPortal({ helpdeskUrl: sandbox.url, env: { LOG_LEVEL: 'debug' } });
  running.push(portal.child);

  const ready = await fetch(`${portal.url}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal(ready.headers.get('cache-control'), 'no-store');
  assert.deepEqual(await ready.json(), { status: 'ready' });

  const api = sandboxClient(sandbox.url);
  const user = await api.createEndUser({ name: 'Drain Test', email: `drain-${Date.now()}@example.com`, password: 'drain-test-Pa55word' });
  await api.createRequest(user, 'Started before the SIGTERM', 'It should still be listed.');
  const jar = await signIn(portal.url, user);
  await api.fault({ route: 'GET /requests', user, kind: 'delay', ms: 2_000 });

  const requestId = randomUUID();
  const exit = exited(portal.child);
  const page = fetch(`${portal.url}/requests`, { headers: { cookie: jar.header(), 'x-request-id': requestId }, redirect: 'manual' });
  await api.waitForCalls('GET /requests', { user });
  const signalled = Date.now();
  portal.child.kill('SIGTERM');

  await new Promise((r) => setTimeout(r, 300));
  assert.ok(await refuses(`${portal.url}/healthz`), 'a new connection is refused while draining');
  const res = await page;
  const answered = Date.now();
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /Started before the SIGTERM/);
  const { code, signal, at } = await exit;
  assert.ok(answered - signalled >= 1_000, 'the page was still in flight when the signal came');
  // Its connection, idle after the answer, is closed by the keep-alive timeout (5 s) at the latest.
  assert.ok(at >= answered - 50 && at - answered < 7_000, `exited ${at - answered} ms after the answer`);
  // `next start` reports a SIGTERM it handled as 143 (128 + 15): a clean, signal-initiated exit.
  assert.ok(code === 143 || code === 0, `exit code ${code} (signal ${signal})`);

  // The log: JSON lines tagged with the request id, and none of the secrets that passed through.
  const lines = portal.output.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  const mine = lines.filter((line) => line.requestId === requestId);
  assert.ok(
    mine.some((line) => line.event === 'helpdesk_call' && line.path === '/requests.xml' && line.status === 200 && line.requesterId === user.id),
    JSON.stringify(lines.slice(-5)),
  );
  const text = portal.output.join('\n');
  const cookieValues = jar.header().split('; ').map((pair) => pair.slice(pair.indexOf('=') + 1));
  for (const secret of [user.password, user.email, ...cookieValues, 'Basic ', 'Fe26.']) {
    assert.ok(!text.includes(secret), `the portal's output contains ${secret.slice(0, 12)}…`);
  }
});

test('/readyz follows the help desk: ready on its 401, 503 with the reason on a 5xx, a hang (in about 2 s) or no answer', { timeout: 60_000 }, async () => {
  // A stand-in help desk whose behaviour the test switches.
  let mode = 'up';
  const held = [];
  const helpdesk = createServer((req, res) => {
    if (mode === 'hang') return void held.push(res);
    res.writeHead(mode === 'up' ? 401 : 503, { 'content-type': 'application/xml' }).end('<errors><error>no</error></errors>');
  });
  await new Promise((resolve) => helpdesk.listen(0, '127.0.0.1', resolve));
  const portal = await startPortal({ helpdeskUrl: `http://127.0.0.1:${helpdesk.address().port}` });
  running.push(portal.child);
  const probe = async () => {
    const started = Date.now();
    const res = await fetch(`${portal.url}/readyz`);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    return { status: res.status, body: await res.json(), ms: Date.now() - started };
  };

  assert.deepEqual((await probe()).body, { status: 'ready' });
  mode = 'down';
  assert.deepEqual(await probe().then(({ status, body }) => ({ status, body })), { status: 503, body: { status: 'unavailable', reason: 'help desk answered 503' } });
  mode = 'hang';
  const hung = await probe();
  assert.deepEqual(hung.body, { status: 'unavailable', reason: 'help desk did not answer within 2000 ms' });
  assert.ok(hung.ms >= 1_900 && hung.ms < 4_000, `answered in ${hung.ms} ms`);
  for (const res of held) res.destroy();
  helpdesk.closeAllConnections();
  await new Promise((resolve) => helpdesk.close(resolve));
  const gone = await probe();
  assert.equal(gone.status, 503);
  assert.match(gone.body.reason, /^help desk connection failed \(/);
  // Liveness does not depend on the help desk.
  assert.equal((await fetch(`${portal.url}/healthz`)).status, 200);
  await stop(portal.child);
});

test('npm start: SIGTERM is passed on, the portal drains while the sandbox is still up, then everything exits 0', { timeout: 120_000 }, async () => {
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, HELPDESK_URL: '', PORT: String(port), SANDBOX_PORT: String(sandboxPort), SANDBOX_DB: ':memory:', SESSION_SECRET: randomUUID() + randomUUID() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  const output = [];
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  const portalUrl = `http://127.0.0.1:${port}`;
  const sandbox = sandboxClient(`http://127.0.0.1:${sandboxPort}`);
  // Every worker serving (scripts/serve.mjs), so the probe below is not answered "1 of 2 workers".
  await waitFor(`${portalUrl}/readyz`, { child, timeoutMs: 90_000 });

  // /readyz asks the help desk anonymously; a 1.5 s delay there keeps it in flight.
  await sandbox.fault({ route: 'GET /users/current', kind: 'delay', ms: 1_500 });
  await sandbox.resetCalls(); // waiting for /readyz above made such calls already
  const exit = exited(child);
  const probe = fetch(`${portalUrl}/readyz`);
  await sandbox.waitForCalls('GET /users/current');
  child.kill('SIGTERM');

  const res = await probe;
  assert.equal(res.status, 200, 'the help desk was still up while the portal drained');
  assert.deepEqual(await res.json(), { status: 'ready' });
  const { code } = await exit;
  assert.equal(code, 0, output.join(''));
  assert.ok(await refuses(`${portalUrl}/healthz`), 'the portal is gone');
  assert.ok(await refuses(`${sandbox.url}/_sandbox/health`), 'the sandbox is gone');
});
