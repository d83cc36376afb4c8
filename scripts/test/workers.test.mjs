// `npm start`'s workers (scripts/serve.mjs) against the production build: two workers on one port
// share what must be shared, with Redis (REDIS_URL) and with the default (the primary's memory,
// over IPC): failed sign-ins spread over the workers count together, a form double-submitted to
// two workers files once, a log-out on one worker ends the session on the other. Each check first
// makes sure its requests really reached both workers (a connection stays with one worker; the
// debug log names the worker's pid for each request id). Also: a worker that dies is logged and
// replaced (/readyz says so meanwhile), and SIGTERM drains every worker, then exits 0.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { sandboxClient } from '../lib/sandbox-client.mjs';
import { encodeMultipart, fillForm, readForm } from '../load/no-js-browser.mjs';
import { ensureBuild, startPortal, startRedis, startSandbox } from '../lib/servers.mjs';

before(() => ensureBuild());

/** One HTTP request; `agent` pins it to a kept-alive connection (so to one worker), none opens a new one. */
function request(url, { method = 'GET', headers = {}, body, agent = false, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Which worker (pid) handled the request with this id, from the helpdesk_call lines it logged. */
async function workerOf(portal, requestId) {
  for (let i = 0; i < 50; i++) {
    const line = portal.output.find((l) => l.startsWith('{') && l.includes(requestId));
    if (line) return JSON.parse(line).pid;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no log line for request ${requestId}`);
}

const cookieOf = (res) => (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');

async function postForm(portal, form, typed, { cookie = '', agent = false, requestId = randomUUID() } = {}) {
  const { body, contentType } = encodeMultipart(fillForm(form, typed));
  return request(`${portal.url}${form.action}`, {
    method: 'POST',
    agent,
    body,
    headers: { 'content-type': contentType, origin: portal.url, cookie, accept: 'text/html', 'x-request-id': requestId },
  });
}

async function signIn(portal, user) {
  const page = await request(`${portal.url}/login`);
  const res = await postForm(portal, readForm(page.text, 'password', `${portal.url}/login`), { email: user.email, password: user.password });
  assert.equal(res.status, 303, 'signed in');
  return cookieOf(res);
}

/**
 * Two kept-alive connections that reach different workers, each named by its worker's pid (a
 * list page there logs the help desk call with the request id).
 */
async function connectionsOnTwoWorkers(portal, cookie) {
  const found = new Map();
  for (let i = 0; i < 8 && found.size < 2; i++) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const requestId = randomUUID();
    const res = await request(`${portal.url}/requests`, { agent, headers: { cookie, 'x-request-id': requestId } });
    assert.equal(res.status, 200);
    const pid = await workerOf(portal, requestId);
    if (!found.has(pid)) found.set(pid, agent);
    else agent.destroy();
  }
  assert.equal(found.size, 2, 'connections reached two workers');
  return [...found].map(([pid, agent]) => ({ pid, agent }));
}

for (const backend of ['the primary process (no REDIS_URL)', 'Redis (REDIS_URL)']) {
  describe(`two workers sharing state through ${backend}`, () => {
    let sandbox;
    let redis;
    let portal;
    let api;
    before(async () => {
      sandbox = await startSandbox();
      api = sandboxClient(sandbox.url);
      if (backend.startsWith('Redis')) redis = await startRedis();
      // No proxy trusted: the client is the socket's address, the same for every connection here.
      portal = await startPortal({ helpdeskUrl: sandbox.url, workers: 2, env: { LOG_LEVEL: 'debug', TRUST_PROXY: '0', ...(redis ? { REDIS_URL: redis.url } : {}) } });
    });
    after(async () => {
      await portal?.stop();
      await redis?.stop();
      await sandbox?.stop();
    });

    test('6 wrong passwords spread over both workers are counted together: the 6th try waits', { timeout: 60_000 }, async () => {
      const user = await api.createEndUser('guessed');
      const pids = new Set();
      const form = readForm((await request(`${portal.url}/login`)).text, 'password', `${portal.url}/login`);
      const attempt = async (password) => {
        // A new connection each time: the cluster hands them to the workers in turn.
        const requestId = randomUUID();
        const res = await postForm(portal, form, { email: user.email, password }, { requestId });
        return { res, requestId };
      };
      for (let i = 0; i < 5; i++) {
        const { res, requestId } = await attempt('wrong-password');
        assert.match(res.text, /That email and password don’t match/);
        pids.add(await workerOf(portal, requestId));
      }
      assert.equal(pids.size, 2, `the failures reached both workers (${[...pids]})`);
      // The right password now, from the same client, on whichever worker: held back, the help desk not asked.
      for (let i = 0; i < 2; i++) {
        const { res } = await attempt(user.password);
        assert.match(res.text, /Too many failed sign-ins\. Try again in 1[0-5] seconds\./);
      }
      assert.equal((await api.calls(user)).total, 5);
    });

    test('one form double-submitted to two workers at once files one request; both answers lead to it', { timeout: 60_000 }, async () => {
      const user = await api.createEndUser('double');
      const cookie = await signIn(portal, user);
      const [a, b] = await connectionsOnTwoWorkers(portal, cookie);
      const page = await request(`${portal.url}/requests/new`, { agent: a.agent, headers: { cookie } });
      const form = readForm(page.text, 'description', `${portal.url}/requests/new`);
      const typed = { subject: 'Sent to two workers', description: 'Once, please.' };
      const [viaA, viaB] = await Promise.all([postForm(portal, form, typed, { cookie, agent: a.agent }), postForm(portal, form, typed, { cookie, agent: b.agent })]);
      assert.equal(viaA.status, 303);
      assert.match(viaA.headers.location, /^\/requests\/\d+\?created=1$/);
      assert.equal(viaB.headers.location, viaA.headers.location);
      const filed = (await api.requestsOf(user)).filter((r) => r.subject === typed.subject);
      assert.equal(filed.length, 1);
      a.agent.destroy();
      b.agent.destroy();
    });

    test('a log-out on one worker ends the session on the other', { timeout: 60_000 }, async () => {
      const user = await api.createEndUser('leaving');
      const cookie = await signIn(portal, user);
      const [a, b] = await connectionsOnTwoWorkers(portal, cookie);
      const page = await request(`${portal.url}/requests`, { agent: b.agent, headers: { cookie } });
      const logOut = [...page.text.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)].map(([html]) => html).find((html) => />Log out</.test(html));
      assert.ok(logOut, 'the page has a log-out form');
      const form = { action: '/requests', fields: [...logOut.matchAll(/<input\b[^>]*name="([^"]+)"[^>]*?(?:value="([^"]*)")?[^>]*>/gi)].map(([, name, value]) => [name, value ?? '']) };
      const out = await postForm(portal, form, {}, { cookie, agent: b.agent });
      assert.equal(out.status, 303, out.text.slice(0, 200));
      const after = await request(`${portal.url}/requests`, { agent: a.agent, headers: { cookie } });
      assert.ok([303, 307].includes(after.status) && after.headers.location?.startsWith('/login'), `status ${after.status} to ${after.headers.location}`);
      a.agent.destroy();
      b.agent.destroy();
    });
  });
}

describe('the primary looks after its workers', () => {
  let sandbox;
  let portal;
  before(async () => {
    sandbox = await startSandbox();
    portal = await startPortal({ helpdeskUrl: sandbox.url, workers: 2, env: { LOG_LEVEL: 'debug' } });
  });
  after(async () => {
    await portal?.stop();
    await sandbox?.stop();
  });

  test('a worker that dies is logged and replaced; /readyz is 503 until every worker serves again', { timeout: 60_000 }, async () => {
    const pids = portal.output.join('\n').match(/2 workers serving on port \d+ \(pids (\d+), (\d+)\)/);
    assert.ok(pids, portal.output.join('\n'));
    const victim = Number(pids[1]);
    process.kill(victim, 'SIGKILL');
    // The primary logs the death as it notices it; from then on it hands connections to the live
    // worker only, which answers 503 until the replacement (a Next server starting: ½ s or more) serves.
    const logged = `Worker ${victim} stopped (signal SIGKILL); starting a replacement.`;
    for (let i = 0; i < 500 && !portal.output.some((l) => l.includes(logged)); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(portal.output.some((l) => l.includes(logged)), portal.output.slice(-10).join('\n'));
    const degraded = await request(`${portal.url}/readyz`, { timeoutMs: 5_000 });
    assert.equal(degraded.status, 503);
    assert.deepEqual(JSON.parse(degraded.text), { status: 'unavailable', reason: '1 of 2 workers serving' });
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ready = (await request(`${portal.url}/readyz`, { timeoutMs: 5_000 })).status === 200;
    }
    assert.ok(ready, 'ready again once the replacement serves');
    assert.equal((await request(`${portal.url}/readyz`)).status, 200);
  });

  test('SIGTERM: a slow page on each worker still gets its answer, then the primary exits 0', { timeout: 60_000 }, async () => {
    const api = sandboxClient(sandbox.url);
    const user = await api.createEndUser('draining');
    await api.createRequest(user, 'Listed while draining', 'x');
    const cookie = await signIn(portal, user);
    const [a, b] = await connectionsOnTwoWorkers(portal, cookie);
    await api.fault({ route: 'GET /requests', user, kind: 'delay', ms: 1_500 });
    await api.resetCalls(user);
    const exit = new Promise((resolve) => portal.child.once('exit', (code, signal) => resolve({ code, signal })));
    const pages = [a, b].map(({ agent }) => request(`${portal.url}/requests`, { agent, headers: { cookie } }));
    await api.waitForCalls('GET /requests', { user, count: 2 });
    portal.child.kill('SIGTERM');
    for (const res of await Promise.all(pages)) {
      assert.equal(res.status, 200);
      assert.match(res.text, /Listed while draining/);
    }
    a.agent.destroy();
    b.agent.destroy();
    assert.deepEqual(await exit, { code: 0, signal: null });
    await assert.rejects(request(`${portal.url}/healthz`), /ECONNREFUSED/);
  });
});
