// v2 authentication and the rest of v2's edges: the auth matrix (password, API
// token, OAuth with and without impersonation, wrong secrets, scopes, an agent's
// token on end-user routes), the rate limit headers and 429, and faults and call
// counts on v2 routes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildSandbox } from '../app';
import {
  call, createApiToken, createOAuthToken, createV2EndUser, expectV2Error, freshApp, json, v2Auth, v2call, type Answer,
} from './helpers';

const V2_ROUTES = [
  'GET /api/v2/requests', 'GET /api/v2/requests/search', 'GET /api/v2/requests/ccd', 'GET /api/v2/organizations/:id/requests', 'GET /api/v2/requests/:id', 'POST /api/v2/requests', 'PUT /api/v2/requests/:id',
  'GET /api/v2/requests/:id/comments', 'GET /api/v2/users/me', 'GET /api/v2/users', 'GET /api/v2/users/:id', 'POST /api/v2/users',
  'POST /api/v2/users/:id/password', 'PUT /api/v2/users/:id/password',
  'GET /api/v2/tickets', 'GET /api/v2/tickets/:id', 'GET /api/v2/tickets/:id/comments', 'PUT /api/v2/tickets/:id',
  'POST /api/v2/api_tokens', 'POST /api/v2/oauth/tokens', 'POST /api/v2/uploads',
  'GET /api/v2/ticket_fields', 'POST /api/v2/ticket_fields', 'GET /api/v2/ticket_forms', 'POST /api/v2/ticket_forms',
];

const ids = (a: Answer) => json<{ requests: { id: number }[] }>(a).requests.map((r) => r.id);
const me = (a: Answer) => json<{ user: { email: string; role: string } }>(a).user;

describe('tokens chosen at start (SANDBOX_API_TOKEN, SANDBOX_OAUTH_TOKEN)', () => {
  it('work from the first call: the API token as any user, the OAuth token as the admin acting for end users', async () => {
    const app = await buildSandbox({ dbPath: ':memory:', demo: true, apiToken: 'e2e-api-token-0123456789', oauthToken: 'e2e-oauth-token-0123456789' });
    try {
      assert.equal(me(await v2call(app, 'GET', '/api/v2/users/me.json', { auth: v2Auth.apiToken('alice@example.com', 'e2e-api-token-0123456789') })).email, 'alice@example.com');
      const acting = { auth: v2Auth.bearer('e2e-oauth-token-0123456789'), onBehalfOf: 'bob@example.com' };
      assert.equal(me(await v2call(app, 'GET', '/api/v2/users/me.json', acting)).email, 'bob@example.com');
      assert.equal((await v2call(app, 'POST', '/api/v2/requests.json', { ...acting, json: { request: { subject: 'Hi', comment: { body: 'Made with the start token' } } } })).status, 201);
    } finally {
      await app.close();
    }
  });
});

describe('v2 auth matrix', () => {
  let app: FastifyInstance;
  let apiToken: string;
  let adminAll: string; // read write impersonate, the admin's
  let adminNoImpersonate: string; // read write, the admin's
  let agentToken: string; // read write, the agent's
  let readOnly: string; // read, Alice's

  before(async () => {
    app = await freshApp();
    apiToken = await createApiToken(app);
    adminAll = await createOAuthToken(app, ['read', 'write', 'impersonate']);
    adminNoImpersonate = await createOAuthToken(app, ['read', 'write']);
    agentToken = await createOAuthToken(app, ['read', 'write'], 2);
    readOnly = await createOAuthToken(app, ['read'], 3);
  });
  after(() => app.close());

  it('lists every v2 route among the route keys, and each but users/me refuses an anonymous call with 401', async () => {
    const routes = json<{ routes: string[] }>({ ...(await call(app, 'GET', '/_sandbox/routes', { as: 'admin' })), headers: { 'content-type': 'application/json; charset=utf-8' } }).routes;
    assert.deepEqual(new Set(routes.filter((r) => r.includes('/api/v2/'))), new Set(V2_ROUTES));
    for (const route of V2_ROUTES.filter((r) => r !== 'GET /api/v2/users/me')) {
      const [method, path] = route.split(' ') as [string, string];
      const url = `${path.replace(':id', '4')}.json`;
      const res = await v2call(app, method, url, method === 'GET' ? {} : { json: {} });
      assert.equal(res.status, 401, `${route}: ${res.body}`);
      assert.deepEqual(json(res), { error: "Couldn't authenticate you" });
      assert.match(String(res.headers['www-authenticate']), /^Basic realm=/);
    }
  });

  it('users/me without credentials is the anonymous user (the reference allows it for anonymous users); wrong ones are a 401', async () => {
    const res = await v2call(app, 'GET', '/api/v2/users/me.json', {});
    assert.equal(res.status, 200, res.body);
    const user = json<{ user: { id: number | null; name: string; role: string } }>(res).user;
    assert.deepEqual({ id: user.id, name: user.name, role: user.role }, { id: null, name: 'Anonymous user', role: 'end-user' });
    assert.equal((await v2call(app, 'GET', '/api/v2/users/me.json', { auth: v2Auth.apiToken('alice@example.com', 'wrong') })).status, 401);
  });

  it('an end user with their own password', async () => {
    assert.equal(me(await v2call(app, 'GET', '/api/v2/users/me.json', { auth: 'alice' })).email, 'alice@example.com');
    assert.deepEqual(ids(await v2call(app, 'GET', '/api/v2/requests.json', { auth: 'alice' })), [1, 2, 3, 4, 5]);
  });

  it('an API token as an end user (email/token:TOKEN), reading and writing', async () => {
    const auth = v2Auth.apiToken('bob@example.com', apiToken);
    assert.equal(me(await v2call(app, 'GET', '/api/v2/users/me.json', { auth })).email, 'bob@example.com');
    assert.deepEqual(ids(await v2call(app, 'GET', '/api/v2/requests.json', { auth })), [6]);
    const created = await v2call(app, 'POST', '/api/v2/requests.json', { auth, json: { request: { subject: 'By token', comment: { body: 'x' } } } });
    assert.equal(created.status, 201, created.body);
    assert.equal(json<{ request: { requester_id: number } }>(created).request.requester_id, 4);
  });

  it('an OAuth token with impersonate and X-On-Behalf-Of calls as that end user', async () => {
    const auth = v2Auth.bearer(adminAll);
    assert.equal(me(await v2call(app, 'GET', '/api/v2/users/me.json', { auth, onBehalfOf: 'alice@example.com' })).email, 'alice@example.com');
    assert.deepEqual(ids(await v2call(app, 'GET', '/api/v2/requests.json', { auth, onBehalfOf: 'alice@example.com' })), [1, 2, 3, 4, 5]);
    const put = await v2call(app, 'PUT', '/api/v2/requests/5.json', { auth, onBehalfOf: 'alice@example.com', json: { request: { comment: { body: 'On behalf' } } } });
    assert.equal(put.status, 200, put.body);
    const comments = json<{ comments: { body: string; author_id: number }[] }>(await v2call(app, 'GET', '/api/v2/requests/5/comments.json', { auth: 'alice' }));
    assert.deepEqual(comments.comments.at(-1), { ...comments.comments.at(-1)!, body: 'On behalf', author_id: 3 });
  });

  it('an OAuth token without impersonation calls as its own user', async () => {
    assert.equal(me(await v2call(app, 'GET', '/api/v2/users/me.json', { auth: v2Auth.bearer(adminNoImpersonate) })).role, 'admin');
    assert.equal(me(await v2call(app, 'GET', '/api/v2/users/me.json', { auth: v2Auth.bearer(adminAll) })).role, 'admin');
    assert.equal(me(await v2call(app, 'GET', '/api/v2/users/me.json', { auth: v2Auth.bearer(readOnly) })).email, 'alice@example.com');
  });

  it('X-On-Behalf-Of without the impersonate scope, or with Basic auth, is a 403', async () => {
    for (const auth of [v2Auth.bearer(adminNoImpersonate), v2Auth.password('admin'), v2Auth.apiToken('admin@example.com', apiToken), v2Auth.bearer(agentToken)]) {
      expectV2Error(await v2call(app, 'GET', '/api/v2/requests.json', { auth, onBehalfOf: 'alice@example.com' }), 403, 'Forbidden', /impersonate scope/);
    }
  });

  it('impersonation needs an admin and names an existing, verified end user', async () => {
    const agentImpersonate = await createOAuthToken(app, ['read', 'impersonate'], 2);
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests.json', { auth: v2Auth.bearer(agentImpersonate), onBehalfOf: 'alice@example.com' }), 403, 'Forbidden', /Only admins/);
    for (const who of ['agent@example.com', 'nobody@example.com']) {
      expectV2Error(await v2call(app, 'GET', '/api/v2/requests.json', { auth: v2Auth.bearer(adminAll), onBehalfOf: who }), 403, 'Forbidden', /verified end user/);
    }
    await createV2EndUser(app, 'unverified@example.com', 'pw', { verified: false });
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests.json', { auth: v2Auth.bearer(adminAll), onBehalfOf: 'unverified@example.com' }), 403, 'Forbidden');
  });

  it('a wrong token, a wrong password or an unknown user is a 401 that tells nothing more', async () => {
    for (const auth of [
      v2Auth.bearer('0123456789abcdef'),
      v2Auth.apiToken('alice@example.com', 'not-a-token'),
      v2Auth.apiToken('nobody@example.com', apiToken),
      `Basic ${Buffer.from('alice@example.com:wrong-password').toString('base64')}`,
      `Basic ${Buffer.from('nobody@example.com:alice-password').toString('base64')}`,
      'Bearer',
      'Digest abc',
    ]) {
      const res = await v2call(app, 'GET', '/api/v2/requests.json', { auth });
      assert.equal(res.status, 401, `${auth}: ${res.body}`);
      assert.deepEqual(json(res), { error: "Couldn't authenticate you" });
    }
  });

  it('an OAuth token without the scope a route needs is a 403 naming the scope', async () => {
    assert.equal((await v2call(app, 'GET', '/api/v2/requests.json', { auth: v2Auth.bearer(readOnly) })).status, 200);
    expectV2Error(
      await v2call(app, 'POST', '/api/v2/requests.json', { auth: v2Auth.bearer(readOnly), json: { request: { subject: 'x', comment: { body: 'y' } } } }),
      403,
      'Forbidden',
      /missing the following required scopes: write/,
    );
    const impersonateOnly = await createOAuthToken(app, ['impersonate']);
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests.json', { auth: v2Auth.bearer(impersonateOnly), onBehalfOf: 'alice@example.com' }), 403, 'Forbidden', /scopes: read/);
  });

  it("an agent's OAuth token on end-user routes acts as an end user: only the agent's own requests", async () => {
    const auth = v2Auth.bearer(agentToken);
    assert.deepEqual(ids(await v2call(app, 'GET', '/api/v2/requests.json', { auth })), []);
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests/4.json', { auth }), 404, 'RecordNotFound');
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests/4/comments.json', { auth }), 404, 'RecordNotFound');
    const own = await v2call(app, 'POST', '/api/v2/requests.json', { auth, json: { request: { subject: 'Agent as requester', comment: { body: 'x' } } } });
    assert.equal(own.status, 201, own.body);
    assert.equal(ids(await v2call(app, 'GET', '/api/v2/requests.json', { auth })).length, 1);
  });

  it('the agent side is for staff; token creation is for admins', async () => {
    expectV2Error(await v2call(app, 'GET', '/api/v2/tickets/4.json', { auth: 'alice' }), 403, 'Forbidden');
    expectV2Error(await v2call(app, 'GET', '/api/v2/tickets/4.json', { auth: v2Auth.bearer(adminAll), onBehalfOf: 'alice@example.com' }), 403, 'Forbidden');
    assert.equal((await v2call(app, 'GET', '/api/v2/tickets/4.json', { auth: v2Auth.bearer(agentToken) })).status, 200);
    expectV2Error(await v2call(app, 'POST', '/api/v2/api_tokens.json', { auth: 'agent', json: { api_token: {} } }), 403, 'Forbidden');
    expectV2Error(await v2call(app, 'POST', '/api/v2/oauth/tokens.json', { auth: 'agent', json: { token: { scopes: ['read'] } } }), 403, 'Forbidden');
    expectV2Error(await v2call(app, 'POST', '/api/v2/oauth/tokens.json', { auth: 'admin', json: { token: { scopes: ['admin'] } } }), 422, 'RecordInvalid');
    expectV2Error(await v2call(app, 'POST', '/api/v2/users.json', { auth: 'agent', json: { user: { name: 'A', email: 'a2@example.com', role: 'admin' } } }), 403, 'Forbidden');
    const dup = expectV2Error(await v2call(app, 'POST', '/api/v2/users.json', { auth: 'admin', json: { user: { name: 'A', email: 'ALICE@example.com' } } }), 422, 'RecordInvalid');
    assert.equal((dup['details'] as Record<string, { error: string }[]>)['email']![0]!.error, 'DuplicateValue');
  });

  it('created tokens are shown once: only a prefix is kept', async () => {
    const res = await v2call(app, 'POST', '/api/v2/oauth/tokens.json', { auth: 'admin', json: { token: { scopes: ['read'], client_id: 7 } } });
    const token = json<{ token: Record<string, unknown> }>(res).token;
    assert.deepEqual(Object.keys(token), ['id', 'url', 'user_id', 'client_id', 'token', 'full_token', 'refresh_token', 'scopes', 'created_at', 'expires_at', 'used_at']);
    assert.equal(token['token'], String(token['full_token']).slice(0, 10));
    assert.deepEqual(token['scopes'], ['read']);
    assert.equal(token['client_id'], 7);
  });
});

describe('v2 rate limit', () => {
  let app: FastifyInstance;
  before(async () => (app = await freshApp()));
  after(() => app.close());

  it('every v2 answer carries X-Rate-Limit and X-Rate-Limit-Remaining; over the limit is a 429 with Retry-After', async () => {
    const first = await v2call(app, 'GET', '/api/v2/users/me.json', { auth: 'alice' });
    assert.equal(first.headers['x-rate-limit'], '700');
    assert.equal(first.headers['x-rate-limit-remaining'], '699');
    const set = await app.inject({ method: 'PUT', url: '/_sandbox/rate-limit', headers: { authorization: v2Auth.password('admin') }, payload: { limit: 3 } });
    assert.deepEqual(set.json(), { limit: 3 });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await v2call(app, 'GET', i === 1 ? '/api/v2/requests/999.json' : '/api/v2/requests.json', { auth: 'alice' });
      remaining.push(String(res.headers['x-rate-limit-remaining']));
      assert.equal(res.headers['x-rate-limit'], '3');
    }
    assert.deepEqual(remaining, ['2', '1', '0'], 'error answers carry the headers too');
    const limited = await v2call(app, 'GET', '/api/v2/requests.json', { auth: 'alice' });
    expectV2Error(limited, 429, 'APIRateLimitExceeded');
    assert.ok(Number(limited.headers['retry-after']) >= 1 && Number(limited.headers['retry-after']) <= 60);
    assert.equal(limited.headers['x-rate-limit-remaining'], '0');
    assert.equal((await v2call(app, 'GET', '/api/v2/requests.json', { auth: 'bob' })).status, 200, 'counted per user');
    const classic = await call(app, 'GET', '/requests.xml', { as: 'alice' });
    assert.equal(classic.status, 200, 'the classic XML API is not rate limited');
    assert.equal(classic.headers['x-rate-limit'], undefined);
  });
});

describe('faults and call counts on v2 routes', () => {
  let app: FastifyInstance;
  let token: string;
  before(async () => {
    app = await freshApp();
    token = await createOAuthToken(app, ['read', 'write', 'impersonate']);
  });
  after(() => app.close());

  const control = (method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url: `/_sandbox${url}`, headers: { authorization: v2Auth.password('admin') }, ...(payload ? { payload: payload as object } : {}) });

  it('a status fault answers in the v2 JSON shape with Retry-After; malformed and html faults break the JSON', async () => {
    await control('POST', '/faults', { route: 'GET /api/v2/requests/:id', kind: 'status', status: 503, retryAfter: 7, times: 1 });
    const faulted = await v2call(app, 'GET', '/api/v2/requests/4.json', { auth: 'alice' });
    expectV2Error(faulted, 503, 'InternalError', /Sandbox fault: 503/);
    assert.equal(faulted.headers['retry-after'], '7');
    assert.equal((await v2call(app, 'GET', '/api/v2/requests/4.json', { auth: 'alice' })).status, 200, 'times: 1 used up');

    await control('POST', '/faults', { route: 'GET /api/v2/requests', kind: 'malformed', times: 1 });
    const malformed = await v2call(app, 'GET', '/api/v2/requests.json', { auth: 'alice' });
    assert.equal(malformed.status, 200);
    assert.match(String(malformed.headers['content-type']), /^application\/json/);
    assert.throws(() => JSON.parse(malformed.body), SyntaxError);

    await control('POST', '/faults', { route: 'POST /api/v2/requests', kind: 'html', times: 1 });
    const html = await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', json: { request: { subject: 'x', comment: { body: 'y' } } } });
    assert.equal(html.status, 502);
    assert.match(String(html.headers['content-type']), /^text\/html/);
    assert.equal(json<{ count: number }>(await v2call(app, 'GET', '/api/v2/requests.json', { auth: 'alice' })).count, 5, 'the faulted POST created nothing');
  });

  it('faults target a user whichever way they authenticate, impersonation included', async () => {
    await control('DELETE', '/faults');
    await control('POST', '/faults', { route: '*', user: 'alice@example.com', kind: 'status', status: 500 });
    expectV2Error(await v2call(app, 'GET', '/api/v2/users/me.json', { auth: v2Auth.bearer(token), onBehalfOf: 'alice@example.com' }), 500, 'InternalError');
    expectV2Error(await v2call(app, 'GET', '/api/v2/users/me.json', { auth: 'alice' }), 500, 'InternalError');
    assert.equal((await v2call(app, 'GET', '/api/v2/users/me.json', { auth: 'bob' })).status, 200);
    await control('DELETE', '/faults');
  });

  it('calls are counted per route key and per effective user, for every auth mode', async () => {
    await control('DELETE', '/calls');
    const apiToken = await createApiToken(app);
    await control('DELETE', '/calls');
    await v2call(app, 'GET', '/api/v2/requests.json', { auth: 'alice' });
    await v2call(app, 'GET', '/api/v2/requests', { auth: v2Auth.apiToken('alice@example.com', apiToken) });
    await v2call(app, 'GET', '/api/v2/requests/4.json', { auth: v2Auth.bearer(token), onBehalfOf: 'alice@example.com' });
    await v2call(app, 'GET', '/api/v2/users/me.json', { auth: v2Auth.bearer(token) });
    await v2call(app, 'GET', '/api/v2/requests.json', { auth: v2Auth.bearer('wrong') });
    const alice = (await control('GET', '/calls?user=alice@example.com')).json();
    assert.deepEqual(alice, { total: 3, byRoute: { 'GET /api/v2/requests': 2, 'GET /api/v2/requests/:id': 1 } });
    const admin = (await control('GET', '/calls?user=admin@example.com')).json();
    assert.deepEqual(admin, { total: 1, byRoute: { 'GET /api/v2/users/me': 1 } });
    assert.equal((await control('GET', '/calls')).json().total, 5, 'the refused anonymous-by-token call counts overall');
  });
});
