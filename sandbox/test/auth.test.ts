// The auth matrix: every route × every kind of caller, with and without the
// .xml suffix. Each cell gets its own fresh target where the call destroys or
// changes it, so cells cannot influence each other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { call, createRequest, expectError, freshApp, text, xml, type CallOptions } from './helpers';

type Caller = 'anonymous' | 'wrongPassword' | 'unknownEmail' | 'endUser' | 'agent' | 'agentOnBehalf' | 'admin';

const CALLERS: Record<Caller, Omit<CallOptions, 'body'>> = {
  anonymous: {},
  wrongPassword: { as: { email: 'alice@example.com', password: 'not-her-password' } },
  unknownEmail: { as: { email: 'nobody@example.com', password: 'alice-password' } },
  endUser: { as: 'alice' },
  agent: { as: 'agent' },
  agentOnBehalf: { as: 'agent', onBehalfOf: 'alice@example.com' },
  admin: { as: 'admin' },
};

interface RouteCase {
  /** The route key, as used by faults and call counts. */
  key: string;
  method: string;
  /** Builds the path (without suffix) for one call, creating targets as needed. */
  path: (app: FastifyInstance) => Promise<string>;
  body?: string;
  /** After the path and its suffix. */
  query?: string;
  /** Expected status for endUser, agent, agentOnBehalf, admin (401 otherwise). */
  expect: [number, number, number, number];
}

const aliceRequest = async (app: FastifyInstance) => `/requests/${await createRequest(app, 'alice', 'Matrix target')}`;
const aliceTicket = async (app: FastifyInstance) => `/tickets/${await createRequest(app, 'alice', 'Matrix ticket')}`;
const fixed = (p: string) => async () => p;
/** A file on a public comment of Alice's request. */
const aliceAttachment = async (app: FastifyInstance) => {
  const uploaded = await call(app, 'POST', '/uploads.xml?filename=matrix.txt', { as: 'alice', body: 'matrix file', contentType: 'text/plain' });
  const token = /<token>([^<]+)<\/token>/.exec(uploaded.body)?.[1];
  const created = await call(app, 'POST', '/requests.xml', { as: 'alice', body: `<ticket><description>With a file</description><uploads>${token}</uploads></ticket>` });
  return `/attachments/${/<attachment>\s*<id>(\d+)<\/id>/.exec(created.body)?.[1]}`;
};
let userSeq = 0;
const passwordTarget = async (app: FastifyInstance) => {
  const body = `<user><name>Target</name><email>target-${++userSeq}@example.com</email><password>pw-target</password><roles>0</roles></user>`;
  const res = await call(app, 'POST', '/users', { as: 'admin', body });
  return `/users/${/<id>(\d+)<\/id>/.exec(res.body)?.[1]}`;
};

const ROUTES: RouteCase[] = [
  { key: 'GET /requests', method: 'GET', path: fixed('/requests'), expect: [200, 200, 200, 200] },
  // The sandbox's search: everyone searches the requests they are the requester of.
  { key: 'GET /requests/search', method: 'GET', path: fixed('/requests/search'), query: '?query=matrix', expect: [200, 200, 200, 200] },
  // CCs and organizations: everyone has a (maybe empty) list of requests they are copied on; nobody
  // here is in an organization that shares its requests, so that list is a 403.
  { key: 'GET /requests/ccd', method: 'GET', path: fixed('/requests/ccd'), expect: [200, 200, 200, 200] },
  { key: 'GET /requests/organization', method: 'GET', path: fixed('/requests/organization'), expect: [403, 403, 403, 403] },
  // Agents and admins without X-On-Behalf-Of act as themselves: not the requester, so 404.
  { key: 'GET /requests/:id', method: 'GET', path: aliceRequest, expect: [200, 404, 200, 404] },
  { key: 'POST /requests', method: 'POST', path: fixed('/requests'), body: '<ticket><description>From the matrix</description></ticket>', expect: [201, 201, 201, 201] },
  { key: 'PUT /requests/:id', method: 'PUT', path: aliceRequest, body: '<comment><value>Matrix reply</value></comment>', expect: [200, 404, 200, 404] },
  { key: 'DELETE /requests/:id', method: 'DELETE', path: aliceRequest, expect: [403, 403, 403, 200] },
  { key: 'GET /users/current', method: 'GET', path: fixed('/users/current'), expect: [200, 200, 200, 200] },
  {
    key: 'POST /users',
    method: 'POST',
    path: fixed('/users'),
    body: '<user><name>New</name><email>EMAIL</email><password>pw-12345</password><roles>0</roles></user>',
    expect: [403, 201, 403, 201],
  },
  { key: 'GET /users/:id', method: 'GET', path: fixed('/users/3'), expect: [403, 200, 403, 200] },
  // On a user made for the case, so no caller of the matrix loses its password.
  { key: 'PUT /users/:id', method: 'PUT', path: passwordTarget, body: '<user><password>pw-matrix</password></user>', expect: [403, 403, 403, 200] },
  { key: 'GET /tickets/:id', method: 'GET', path: aliceTicket, expect: [403, 200, 403, 200] },
  { key: 'POST /tickets', method: 'POST', path: fixed('/tickets'), body: '<ticket><description>Agent made</description><requester-id>4</requester-id></ticket>', expect: [403, 201, 403, 201] },
  { key: 'PUT /tickets/:id', method: 'PUT', path: aliceTicket, body: '<ticket><priority-id>3</priority-id></ticket>', expect: [403, 200, 403, 200] },
  { key: 'DELETE /tickets/:id', method: 'DELETE', path: aliceTicket, expect: [403, 200, 403, 200] },
  { key: 'GET /rules/:id', method: 'GET', path: fixed('/rules/1'), expect: [403, 200, 403, 200] },
  { key: 'POST /uploads', method: 'POST', path: fixed('/uploads'), query: '?filename=matrix.txt', body: 'a file', expect: [201, 201, 201, 201] },
  // Alice's public comment's file: hers, and staff's; the agent on her behalf is Alice.
  { key: 'GET /attachments/:id', method: 'GET', path: aliceAttachment, expect: [200, 200, 200, 200] },
  // Ticket fields and forms (sandbox/README.md): anyone signed in reads them (end users only what they may see).
  { key: 'GET /ticket_fields', method: 'GET', path: fixed('/ticket_fields'), expect: [200, 200, 200, 200] },
  { key: 'GET /ticket_forms', method: 'GET', path: fixed('/ticket_forms'), expect: [200, 200, 200, 200] },
];

function expected(route: RouteCase, caller: Caller): number {
  const [endUser, agent, onBehalf, admin] = route.expect;
  switch (caller) {
    case 'endUser': return endUser;
    case 'agent': return agent;
    case 'agentOnBehalf': return onBehalf;
    case 'admin': return admin;
    default: return 401;
  }
}

describe('auth matrix', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await freshApp();
  });
  after(() => app.close());

  it('covers every classic API route the sandbox has (v2 routes: v2-auth.test.ts)', async () => {
    const res = await call(app, 'GET', '/_sandbox/routes', { as: 'admin' });
    const classic = (JSON.parse(res.body) as { routes: string[] }).routes.filter((r) => !r.split(' ')[1]?.startsWith('/api/v2/'));
    assert.deepEqual(new Set(classic), new Set(ROUTES.map((r) => r.key)));
  });

  for (const suffix of ['.xml', '']) {
    for (const route of ROUTES) {
      it(`${route.key}${suffix ? ' (.xml)' : ''}: ${Object.keys(CALLERS).join(', ')}`, async () => {
        for (const [caller, opts] of Object.entries(CALLERS) as [Caller, CallOptions][]) {
          const path = (await route.path(app)) + suffix + (route.query ?? '');
          const body = route.body?.replace('EMAIL', `matrix-${++userSeq}@example.com`);
          const res = await call(app, route.method, path, { ...opts, ...(body !== undefined ? { body } : {}) });
          const want = expected(route, caller);
          assert.equal(res.status, want, `${caller} ${route.method} ${path}: ${res.status} ${res.body}`);
          if (want >= 400) expectError(res, want);
          if (want === 401) assert.match(String(res.headers['www-authenticate']), /^Basic realm="Portico sandbox"/);
        }
      });
    }
  }
});

describe('who the caller is', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await freshApp();
  });
  after(() => app.close());

  it('/users/current answers the effective user, without a password', async () => {
    for (const [opts, email, roles] of [
      [{ as: 'alice' }, 'alice@example.com', '0'],
      [{ as: 'agent' }, 'agent@example.com', '2'],
      [{ as: 'admin' }, 'admin@example.com', '4'],
      [{ as: 'agent', onBehalfOf: 'alice@example.com' }, 'alice@example.com', '0'],
      [{ as: 'admin', onBehalfOf: 'BOB@example.com' }, 'bob@example.com', '0'],
    ] as [CallOptions, string, string][]) {
      const res = await call(app, 'GET', '/users/current.xml', opts);
      const u = xml(res);
      assert.deepEqual(u.children.map((c) => c.name), ['created-at', 'email', 'id', 'name', 'organization-id', 'organization', 'password-changed-at', 'roles']);
      assert.equal(text(u, 'email'), email);
      assert.equal(text(u, 'roles'), roles);
      // No password or hash: only when it last changed (a sandbox extension).
      assert.ok(!/scrypt/i.test(res.body) && !/password(?!-changed-at)/i.test(res.body));
    }
  });

  it('emails are case-insensitive for sign-in', async () => {
    const res = await call(app, 'GET', '/users/current', { as: { email: 'Alice@Example.COM', password: 'alice-password' } });
    assert.equal(res.status, 200);
  });

  it('a cached sign-in does not let a wrong password through', async () => {
    assert.equal((await call(app, 'GET', '/users/current', { as: 'bob' })).status, 200);
    expectError(await call(app, 'GET', '/users/current', { as: { email: 'bob@example.com', password: 'bob-password ' } }), 401);
    expectError(await call(app, 'GET', '/users/current', { headers: { authorization: 'Basic !!!' } }), 401);
    expectError(await call(app, 'GET', '/users/current', { headers: { authorization: 'Bearer abc' } }), 401);
  });

  it('X-On-Behalf-Of is refused from end users and for non-end-users or unknown emails', async () => {
    expectError(await call(app, 'GET', '/requests', { as: 'alice', onBehalfOf: 'bob@example.com' }), 403);
    expectError(await call(app, 'GET', '/requests', { as: 'agent', onBehalfOf: 'nobody@example.com' }), 403);
    expectError(await call(app, 'GET', '/requests', { as: 'agent', onBehalfOf: 'admin@example.com' }), 403);
    expectError(await call(app, 'GET', '/requests', { onBehalfOf: 'alice@example.com' }), 401);
  });

  it('an agent on behalf of an end user sees exactly that user\'s requests', async () => {
    const own = xml(await call(app, 'GET', '/requests.xml', { as: 'alice' }));
    const viaAgent = xml(await call(app, 'GET', '/requests.xml', { as: 'agent', onBehalfOf: 'alice@example.com' }));
    assert.deepEqual(viaAgent, own);
    const res = await call(app, 'POST', '/requests.xml', { as: 'agent', onBehalfOf: 'bob@example.com', body: '<ticket><description>for bob</description></ticket>' });
    assert.equal(text(xml(res), 'requester-id'), '4');
  });
});
