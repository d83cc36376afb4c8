// The /_sandbox/ control endpoints: faults of every kind and call counts.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseXml } from '../xml';
import { basic, call, expectError, freshApp, text, xml, type Answer, type CallOptions } from './helpers';

const json = (a: Answer) => JSON.parse(a.body) as Record<string, unknown>;

describe('control endpoints', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await freshApp();
  });
  after(() => app.close());
  afterEach(async () => {
    await call(app, 'DELETE', '/_sandbox/faults', { as: 'admin' });
    await call(app, 'DELETE', '/_sandbox/calls', { as: 'admin' });
  });

  const addFault = async (spec: Record<string, unknown>) => {
    const res = await call(app, 'POST', '/_sandbox/faults', { as: 'admin', body: JSON.stringify(spec), contentType: 'application/json' });
    assert.equal(res.status, 201, res.body);
    return String(json(res)['id']);
  };
  const calls = async (user?: string) =>
    json(await call(app, 'GET', `/_sandbox/calls${user ? `?user=${encodeURIComponent(user)}` : ''}`, { as: 'admin' })) as {
      total: number;
      byRoute: Record<string, number>;
    };

  it('health answers ok without credentials', async () => {
    const res = await call(app, 'GET', '/_sandbox/health');
    assert.equal(res.status, 200);
    assert.equal(res.body, 'ok');
  });

  it('the rest needs the admin: 401 without credentials, 403 for others, JSON errors', async () => {
    for (const [opts, status] of [[{}, 401], [{ as: 'alice' }, 403], [{ as: 'agent' }, 403], [{ as: 'agent', onBehalfOf: 'alice@example.com' }, 403]] as [CallOptions, number][]) {
      for (const [method, url] of [['GET', '/_sandbox/calls'], ['DELETE', '/_sandbox/calls'], ['POST', '/_sandbox/faults'], ['DELETE', '/_sandbox/faults'], ['DELETE', '/_sandbox/faults/x'], ['GET', '/_sandbox/routes']]) {
        const res = await call(app, method!, url!, opts);
        assert.equal(res.status, status, `${method} ${url}`);
        assert.equal(typeof json(res)['error'], 'string');
      }
    }
    assert.equal((await call(app, 'GET', '/_sandbox/nope', { as: 'admin' })).status, 404);
  });

  it('refuses fault specs that make no sense', async () => {
    const post = (spec: unknown) => call(app, 'POST', '/_sandbox/faults', { as: 'admin', body: JSON.stringify(spec), contentType: 'application/json' });
    for (const spec of [
      { route: 'GET /nope', kind: 'status', status: 500 },
      { route: 'GET /requests.xml', kind: 'status', status: 500 },
      { route: '*', kind: 'explode' },
      { route: '*', kind: 'delay' },
      { route: '*', kind: 'status' },
      { route: '*', kind: 'status', status: 200 },
      { route: '*', kind: 'drop', times: 0 },
      { route: '*', kind: 'drop', colour: 'red' },
    ]) {
      const res = await post(spec);
      assert.equal(res.status, 400, JSON.stringify(spec));
      assert.equal(typeof json(res)['error'], 'string');
    }
  });

  it('status: answers the status with Retry-After and the errors document, for `times` calls', async () => {
    await addFault({ route: 'GET /requests', kind: 'status', status: 429, retryAfter: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await call(app, 'GET', i === 0 ? '/requests.xml' : '/requests', { as: 'alice' });
      expectError(res, 429);
      assert.equal(res.headers['retry-after'], '7');
    }
    assert.equal((await call(app, 'GET', '/requests.xml', { as: 'alice' })).status, 200, 'used up after two calls');
    for (const status of [500, 502, 503]) {
      await addFault({ route: 'GET /requests/:id', kind: 'status', status, times: 1 });
      expectError(await call(app, 'GET', '/requests/1.xml', { as: 'alice' }), status);
    }
  });

  it('applies before authentication, and a faulted POST creates nothing', async () => {
    await addFault({ route: 'POST /requests', kind: 'status', status: 503 });
    expectError(await call(app, 'POST', '/requests.xml'), 503);
    const before = xml(await call(app, 'GET', '/requests.xml', { as: 'alice' })).attrs['count'];
    expectError(await call(app, 'POST', '/requests.xml', { as: 'alice', body: '<ticket><description>lost</description></ticket>' }), 503);
    assert.equal(xml(await call(app, 'GET', '/requests.xml', { as: 'alice' })).attrs['count'], before);
  });

  it('matches the effective user: X-On-Behalf-Of first, else the Basic email', async () => {
    const id = await addFault({ route: '*', user: 'Alice@example.com', kind: 'status', status: 500 });
    expectError(await call(app, 'GET', '/users/current', { as: 'alice' }), 500);
    expectError(await call(app, 'GET', '/users/current', { as: 'agent', onBehalfOf: 'alice@example.com' }), 500);
    expectError(await call(app, 'GET', '/users/current', { as: { email: 'alice@example.com', password: 'wrong' } }), 500);
    assert.equal((await call(app, 'GET', '/users/current', { as: 'bob' })).status, 200);
    assert.equal((await call(app, 'GET', '/users/current', { as: 'agent' })).status, 200);
    assert.equal((await call(app, 'DELETE', `/_sandbox/faults/${id}`, { as: 'admin' })).status, 204);
    assert.equal((await call(app, 'GET', '/users/current', { as: 'alice' })).status, 200);
  });

  it('malformed: 200 with XML that does not parse', async () => {
    await addFault({ route: 'GET /requests', kind: 'malformed' });
    const res = await call(app, 'GET', '/requests.xml', { as: 'alice' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/xml/);
    assert.throws(() => parseXml(res.body));
  });

  it('html: a proxy-style error page, 502 unless told otherwise', async () => {
    await addFault({ route: 'GET /requests', kind: 'html', times: 1 });
    let res = await call(app, 'GET', '/requests.xml', { as: 'alice' });
    assert.equal(res.status, 502);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /<title>502 Bad Gateway<\/title>/);
    await addFault({ route: 'GET /requests', kind: 'html', status: 504, retryAfter: 3 });
    res = await call(app, 'GET', '/requests.xml', { as: 'alice' });
    assert.equal(res.status, 504);
    assert.equal(res.headers['retry-after'], '3');
  });

  it('delay: waits, then serves the call normally', async () => {
    await addFault({ route: 'GET /users/current', kind: 'delay', ms: 300 });
    const start = Date.now();
    const res = await call(app, 'GET', '/users/current.xml', { as: 'alice' });
    assert.ok(Date.now() - start >= 290, `took ${Date.now() - start} ms`);
    assert.equal(text(xml(res), 'email'), 'alice@example.com');
  });

  it('slow: serves the call (the write is done at once), then holds the answer', async () => {
    await addFault({ route: 'POST /requests', kind: 'slow', ms: 400, times: 1 });
    const start = Date.now();
    const pending = call(app, 'POST', '/requests.xml', { as: 'alice', body: '<ticket><subject>Late answer</subject><description>Saved early</description></ticket>' });
    await new Promise((r) => setTimeout(r, 150));
    const list = await call(app, 'GET', '/requests.xml', { as: 'alice' });
    assert.match(list.body, /Late answer/, 'created before the answer is sent');
    const res = await pending;
    assert.ok(Date.now() - start >= 390, `took ${Date.now() - start} ms`);
    assert.equal(res.status, 201);
  });

  it('drop makes inject() fail like a reset connection instead of hanging', async () => {
    await addFault({ route: 'GET /requests', kind: 'drop', times: 1 });
    await assert.rejects(call(app, 'GET', '/requests.xml', { as: 'alice' }), { code: 'LIGHT_ECONNRESET' });
  });

  it('lists faults and clears them all', async () => {
    await addFault({ route: '*', kind: 'drop' });
    await addFault({ route: 'GET /rules/:id', kind: 'malformed' });
    const listed = json(await call(app, 'GET', '/_sandbox/faults', { as: 'admin' }))['faults'] as unknown[];
    assert.equal(listed.length, 2);
    assert.equal((await call(app, 'DELETE', '/_sandbox/faults', { as: 'admin' })).status, 204);
    assert.equal((await call(app, 'GET', '/requests', { as: 'alice' })).status, 200);
  });

  it('counts every API call per route and per effective user, faulted and refused ones included', async () => {
    await call(app, 'GET', '/requests.xml', { as: 'alice' });
    await call(app, 'GET', '/requests', { as: 'agent', onBehalfOf: 'alice@example.com' });
    await call(app, 'GET', '/requests/1.xml', { as: 'alice' });
    await call(app, 'GET', '/requests/1.xml', { as: { email: 'alice@example.com', password: 'wrong' } });
    await call(app, 'GET', '/users/current.xml', { as: 'bob' });
    await call(app, 'GET', '/requests.xml');
    await addFault({ route: 'GET /rules/:id', kind: 'status', status: 503 });
    await call(app, 'GET', '/rules/1.xml', { as: 'agent' });
    await call(app, 'GET', '/no-such-route', { as: 'agent' });
    await call(app, 'GET', '/_sandbox/health');
    assert.deepEqual(await calls(), {
      total: 7,
      byRoute: { 'GET /requests': 3, 'GET /requests/:id': 2, 'GET /users/current': 1, 'GET /rules/:id': 1 },
    });
    assert.deepEqual(await calls('alice@example.com'), { total: 4, byRoute: { 'GET /requests': 2, 'GET /requests/:id': 2 } });
    assert.deepEqual(await calls('ALICE@example.com'), await calls('alice@example.com'));
    assert.equal((await call(app, 'DELETE', '/_sandbox/calls?user=alice@example.com', { as: 'admin' })).status, 204);
    assert.deepEqual(await calls('alice@example.com'), { total: 0, byRoute: {} });
    assert.equal((await calls()).total, 3);
    await call(app, 'DELETE', '/_sandbox/calls', { as: 'admin' });
    assert.deepEqual(await calls(), { total: 0, byRoute: {} });
  });

  it('one portal page = one upstream call: showing a request costs exactly one call', async () => {
    await call(app, 'GET', '/requests/4.xml', { as: 'agent', onBehalfOf: 'alice@example.com' });
    assert.deepEqual(await calls('alice@example.com'), { total: 1, byRoute: { 'GET /requests/:id': 1 } });
  });
});

describe('drop fault over a real socket', () => {
  let app: FastifyInstance;
  let port = 0;
  before(async () => {
    app = await freshApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  after(() => app.close());

  const get = (path: string, auth: string) =>
    new Promise<{ status?: number; error?: NodeJS.ErrnoException }>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path, headers: { authorization: auth }, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      });
      req.on('error', (error) => resolve({ error }));
      req.end();
    });

  it('destroys the socket without any response, then the route works again', async () => {
    const admin = basic('admin@example.com', 'admin-password');
    const res = await fetch(`http://127.0.0.1:${port}/_sandbox/faults`, {
      method: 'POST',
      headers: { authorization: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'GET /requests', kind: 'drop', times: 1 }),
    });
    assert.equal(res.status, 201);
    const alice = basic('alice@example.com', 'alice-password');
    const dropped = await get('/requests.xml', alice);
    assert.equal(dropped.status, undefined);
    assert.match(String(dropped.error?.code ?? dropped.error?.message), /ECONNRESET|socket hang up/);
    assert.equal((await get('/requests.xml', alice)).status, 200);
  });
});
