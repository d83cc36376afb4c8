import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { describe, test } from 'node:test';
import {
  HelpdeskBadResponseError,
  HelpdeskForbiddenError,
  HelpdeskNotFoundError,
  HelpdeskRateLimitedError,
  HelpdeskUnauthorizedError,
  HelpdeskUnavailableError,
  HelpdeskValidationError,
} from '../errors';
import type { Caller } from '../types';
import { createV2Helpdesk } from '../v2';
import { failure, FakeHelpdesk, runFakeHelpdesk } from './fake-helpdesk';
import * as example from './v2-examples';

const helpdesk = new FakeHelpdesk();
const v2 = createV2Helpdesk({ token: null });
const ann = { id: '1462', name: 'Ann Customer', email: 'ann@example.com' };
const caller: Caller = { credentials: { kind: 'password', email: 'ann@example.com', password: 'pä:ss wörd' }, requesterId: '1462' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
const seen = () => helpdesk.calls.map((c) => `${c.method} ${c.url}`);

runFakeHelpdesk(helpdesk, 3_000);

describe('who am I (sign-in)', () => {
  test('GET /api/v2/users/me.json with the customer\'s Basic credentials', async () => {
    helpdesk.reset((_req, res) => json(res, 200, example.me));
    assert.deepEqual(await v2.whoAmI(v2.passwordCredentials('ann@example.com', 'pä:ss wörd')), ann);
    assert.deepEqual(seen(), ['GET /api/v2/users/me.json?include=organizations']);
    assert.equal(helpdesk.calls[0]?.headers.authorization, basic('ann@example.com', 'pä:ss wörd'));
    assert.equal(helpdesk.calls[0]?.headers.accept, 'application/json');
  });

  test('password_changed_at (the sandbox extension; Zendesk has none) when sent, nothing when null or absent', async () => {
    const me = (changed: unknown) => ({ user: { ...example.me.user, password_changed_at: changed } });
    helpdesk.reset((_req, res) => json(res, 200, me('2026-11-29T12:30:05Z')));
    assert.deepEqual(await v2.whoAmI(caller.credentials), { ...ann, passwordChangedAt: '2026-11-29T12:30:05.000Z' });
    helpdesk.reset((_req, res) => json(res, 200, me(null)));
    assert.deepEqual(await v2.whoAmI(caller.credentials), ann);
    helpdesk.reset((_req, res) => json(res, 200, me('not a time')));
    assert.ok((await failure(v2.whoAmI(caller.credentials))) instanceof HelpdeskBadResponseError);
    helpdesk.reset((_req, res) => json(res, 200, me(42)));
    assert.ok((await failure(v2.whoAmI(caller.credentials))) instanceof HelpdeskBadResponseError);
    assert.equal(v2.capabilities.passwordChanges, true);
  });

  test('the anonymous user (id null) and a 401 are both no match', async () => {
    helpdesk.reset((_req, res) => json(res, 200, example.anonymousMe));
    assert.ok((await failure(v2.whoAmI(caller.credentials))) instanceof HelpdeskUnauthorizedError);
    helpdesk.reset((_req, res) => json(res, 401, example.errors.unauthorized));
    assert.ok((await failure(v2.whoAmI(caller.credentials))) instanceof HelpdeskUnauthorizedError);
  });

  test('a user answer that is not JSON, or has no email, is a bad response', async () => {
    helpdesk.reset((_req, res) => json(res, 200, '{"user": {"id": 1'));
    assert.ok((await failure(v2.whoAmI(caller.credentials))) instanceof HelpdeskBadResponseError);
    helpdesk.reset((_req, res) => json(res, 200, { user: { id: 5, name: 'x', email: null } }));
    assert.ok((await failure(v2.whoAmI(caller.credentials))) instanceof HelpdeskBadResponseError);
  });
});

describe('lists', () => {
  test('open: one call, newest activity first, offset paging from count and next_page', async () => {
    helpdesk.reset((_req, res) => json(res, 200, example.listRequests));
    const page = await v2.listRequests(caller, { status: 'open', page: 2 });
    assert.deepEqual(seen(), ['GET /api/v2/requests.json?status=new%2Copen%2Cpending%2Chold&sort_by=updated_at&sort_order=desc&page=2&per_page=15']);
    assert.deepEqual(page.page, { number: 2, pageCount: 2, total: 17, hasNext: false, hasPrevious: true });
    assert.deepEqual(page.requests, [
      {
        id: '33',
        subject: 'Help, my printer is on fire!',
        description: 'The fire is very colorful.',
        status: 'open',
        createdAt: '2009-07-20T22:55:29.000Z',
        updatedAt: '2011-05-05T10:38:52.000Z',
      },
      // An empty subject is no subject; "hold" is open to a customer.
      { id: '34', subject: null, description: "I can't find my keys", status: 'open', createdAt: '2009-07-20T22:55:29.000Z', updatedAt: '2011-05-04T10:38:52.000Z' },
    ]);
    const text = JSON.stringify(page);
    for (const leak of ['assignee', '1461', 'normal', 'custom', '745', 'web', 'support@example.com', 'organization']) assert.ok(!text.includes(leak), leak);
  });

  test('solved: solved and closed; a next_page means there is a next page, and no count leaves the page count open', async () => {
    helpdesk.reset((_req, res) => json(res, 200, { requests: [example.request33], next_page: 'https://example.zendesk.com/api/v2/requests.json?page=2', previous_page: null }));
    const page = await v2.listRequests(caller, { status: 'solved', page: 1 });
    assert.match(seen()[0] ?? '', /\?status=solved%2Cclosed&/);
    assert.deepEqual(page.page, { number: 1, pageCount: null, total: null, hasNext: true, hasPrevious: false });
  });

  test('a help desk that ignores status= (not in the List Requests reference) still puts nothing solved in the open list', async () => {
    const mixed = { requests: [example.request33, { ...example.request33, id: 35, status: 'solved' }, { ...example.request33, id: 36, status: 'closed' }], count: 3 };
    helpdesk.reset((_req, res) => json(res, 200, mixed));
    assert.deepEqual((await v2.listRequests(caller, { status: 'open', page: 1 })).requests.map((r) => r.id), ['33']);
    assert.deepEqual((await v2.listRequests(caller, { status: 'solved', page: 1 })).requests.map((r) => r.id), ['35', '36']);
  });

  test('pending and all, sorted by creation, oldest first', async () => {
    helpdesk.reset((_req, res) => json(res, 200, { requests: [], count: 0 }));
    await v2.listRequests(caller, { status: 'pending', page: 1, sort: { by: 'created', direction: 'asc' } });
    await v2.listRequests(caller, { status: 'all', page: 4 });
    assert.deepEqual(seen(), [
      'GET /api/v2/requests.json?status=pending&sort_by=created_at&sort_order=asc&page=1&per_page=15',
      'GET /api/v2/requests.json?sort_by=updated_at&sort_order=desc&page=4&per_page=15',
    ]);
    const mixed = { requests: [example.request33, { ...example.request33, id: 35, status: 'pending' }, { ...example.request33, id: 36, status: 'closed' }], count: 3 };
    helpdesk.reset((_req, res) => json(res, 200, mixed));
    assert.deepEqual((await v2.listRequests(caller, { status: 'pending', page: 1 })).requests.map((r) => r.id), ['35']);
    assert.deepEqual((await v2.listRequests(caller, { status: 'all', page: 1 })).requests.map((r) => r.id), ['33', '35', '36']);
  });

  test('search: Search Requests with the words as typed, status and order; no snippet; paging stops at 1,000 results', async () => {
    helpdesk.reset((_req, res) => json(res, 200, { ...example.listRequests, count: 2_345, next_page: 'https://example.zendesk.com/api/v2/requests/search.json?page=3' }));
    const page = await v2.searchRequests(caller, { query: 'printer "3rd floor" status:open', status: 'open', page: 2, sort: { by: 'created', direction: 'asc' } });
    assert.deepEqual(seen(), [
      'GET /api/v2/requests/search.json?query=printer+%223rd+floor%22+status%3Aopen&status=new%2Copen%2Cpending%2Chold&sort_by=created_at&sort_order=asc&page=2&per_page=15',
    ]);
    assert.deepEqual(page.requests.map((r) => ({ id: r.id, status: r.status, snippet: r.snippet })), [
      { id: '33', status: 'open', snippet: null },
      { id: '34', status: 'open', snippet: null },
    ]);
    // 2,345 matches, but only the first 1,000 can be paged to: 66 pages of 15.
    assert.deepEqual(page.page, { number: 2, pageCount: 66, total: 2_345, hasNext: true, hasPrevious: true });
    assert.equal(v2.lastPage.search, 66);
    const last = await v2.searchRequests(caller, { query: 'printer', status: 'all', page: 66 });
    assert.equal(last.page.hasNext, false);
    helpdesk.reset((_req, res) => json(res, 200, example.listRequests));
    assert.ok((await failure(v2.searchRequests(caller, { query: 'printer', status: 'all', page: 67 }))) instanceof HelpdeskNotFoundError);
    assert.equal(helpdesk.calls.length, 0);
  });

  test('a page past the offset limit is not found without a call; a list that is not one is a bad response', async () => {
    for (const page of [0, 667, 1.5]) assert.ok((await failure(v2.listRequests(caller, { status: 'open', page }))) instanceof HelpdeskNotFoundError);
    assert.equal(helpdesk.calls.length, 0);
    helpdesk.reset((_req, res) => json(res, 200, example.showRequest));
    assert.ok((await failure(v2.listRequests(caller, { status: 'open', page: 1 }))) instanceof HelpdeskBadResponseError);
  });
});

describe('one request', () => {
  test('the request and its comments: two calls, sent at the same time', async () => {
    // Neither answer comes until both calls have arrived: a sequential adapter would time out.
    const waiting: (() => void)[] = [];
    helpdesk.reset((req, res) => {
      // The example's custom_fields, on a cold cache, make the definitions be read too (after both).
      if (req.url?.includes('/ticket_f')) return json(res, 200, req.url.includes('ticket_fields') ? { ticket_fields: [] } : { ticket_forms: [] });
      waiting.push(() => (req.url?.includes('/comments.json') ? json(res, 200, example.listComments) : json(res, 200, example.showRequest)));
      if (waiting.length === 2) for (const answer of waiting) answer();
    });
    const request = await v2.getRequest(caller, '33');
    assert.deepEqual(seen().slice(0, 2).sort(), ['GET /api/v2/requests/33.json?include=users', 'GET /api/v2/requests/33/comments.json?include=users&per_page=100']);
    assert.deepEqual(request.comments, [
      { author: { id: '1462', name: 'Ann Customer', role: 'you', hasPhoto: false }, createdAt: '2009-07-20T22:55:29.000Z', body: 'The fire is very colorful.', attachments: [] },
      // The public: false comment is not there at all.
      { author: { id: '1461', name: 'Sam Agent', role: 'agent', hasPhoto: false }, createdAt: '2009-07-21T09:00:00.000Z', body: 'Please unplug it and step away.', attachments: [] },
      { author: { id: '1500', name: 'Cole League', role: 'other', hasPhoto: false }, createdAt: '2009-07-21T10:00:00.000Z', body: 'Same here, our printer smokes too.', attachments: [] },
    ]);
    assert.ok(!JSON.stringify(request).includes('legacy plan'));
    assert.equal(request.subject, 'Help, my printer is on fire!');
  });

  test('staff by the User object\'s role (agent, admin), as the Users reference gives it, or by an agent flag', async () => {
    const at = (n: number) => `2024-05-01T10:0${n}:00Z`;
    const comments = [1, 2, 3, 4].map((n) => ({ id: n, body: `c${n}`, author_id: 100 + n, public: true, created_at: at(n) }));
    const users = [
      { id: 101, name: 'Role Agent', role: 'agent' },
      { id: 102, name: 'Role Admin', role: 'admin' },
      { id: 103, name: 'Role End User', role: 'end-user' },
      { id: 104, name: 'Flag Agent', agent: true },
    ];
    helpdesk.reset((req, res) => (req.url?.includes('/comments') ? json(res, 200, { comments, users }) : json(res, 200, example.showRequest)));
    const request = await v2.getRequest(caller, '33');
    assert.deepEqual(request.comments.map((c) => c.author.role), ['agent', 'agent', 'other', 'agent']);
  });

  test('public must be true when present; an author the help desk did not sideload has no name', async () => {
    const comment = (extra: object) => ({ id: 1, body: 'x', author_id: 99, created_at: '2024-05-01T10:00:00Z', ...extra });
    const comments = [comment({ public: 'true' }), comment({ public: null }), comment({ public: 1 }), comment({ public: false }), comment({ body: 'no field' })];
    helpdesk.reset((req, res) => (req.url?.includes('/comments') ? json(res, 200, { comments }) : json(res, 200, example.showRequest)));
    const request = await v2.getRequest(caller, '33');
    assert.deepEqual(request.comments, [{ author: { id: '99', name: null, role: 'other', hasPhoto: false }, createdAt: '2024-05-01T10:00:00.000Z', body: 'no field', attachments: [] }]);
  });

  test('someone else\'s or an unknown request: the help desk\'s 404 is not found; a bad id never leaves', async () => {
    helpdesk.reset((_req, res) => json(res, 404, example.errors.notFound));
    assert.ok((await failure(v2.getRequest(caller, '404'))) instanceof HelpdeskNotFoundError);
    const calls = helpdesk.calls.length;
    for (const id of ['abc', '', '1.json', '../users/me', '1?x=2', '-1']) assert.ok((await failure(v2.getRequest(caller, id))) instanceof HelpdeskNotFoundError, id);
    assert.equal(helpdesk.calls.length, calls);
  });

  test('a 403 in the object error shape is forbidden', async () => {
    helpdesk.reset((_req, res) => json(res, 403, example.errors.forbidden));
    assert.ok((await failure(v2.getRequest(caller, '33'))) instanceof HelpdeskForbiddenError);
  });
});

describe('writes', () => {
  test('createRequest: POST {"request":{"subject","comment":{"body"}}}, the id from the answer', async () => {
    helpdesk.reset((_req, res) => json(res, 201, { request: { ...example.request33, id: 35, status: 'new' } }, { Location: 'https://example.zendesk.com/api/v2/requests/35.json' }));
    const input = { subject: 'Printer', description: 'It is <broken> & "smoking" 😀\r\nline two', uploads: [], followUpOf: null };
    assert.deepEqual(await v2.createRequest(caller, input), { id: '35' });
    const [call] = helpdesk.calls;
    assert.equal(`${call?.method} ${call?.url}`, 'POST /api/v2/requests.json');
    assert.equal(call?.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(call?.body ?? ''), { request: { subject: 'Printer', comment: { body: input.description } } });
  });

  test('createRequest: no id in the answer is a bad response; never sent twice, even on 503', async () => {
    helpdesk.reset((_req, res) => json(res, 201, { request: { status: 'new' } }));
    assert.ok((await failure(v2.createRequest(caller, { subject: 's', description: 'd', uploads: [], followUpOf: null }))) instanceof HelpdeskBadResponseError);
    helpdesk.reset((_req, res) => json(res, 503, { error: 'ServiceUnavailable' }));
    assert.ok((await failure(v2.createRequest(caller, { subject: 's', description: 'd', uploads: [], followUpOf: null }))) instanceof HelpdeskUnavailableError);
    assert.equal(helpdesk.calls.length, 1);
  });

  test('addComment: PUT {"request":{"comment":{"body"}}}', async () => {
    helpdesk.reset((_req, res) => json(res, 200, example.showRequest));
    await v2.addComment(caller, '33', { body: 'Thanks!', uploads: [], solve: false });
    const [call] = helpdesk.calls;
    assert.equal(`${call?.method} ${call?.url}`, 'PUT /api/v2/requests/33.json');
    assert.deepEqual(JSON.parse(call?.body ?? ''), { request: { comment: { body: 'Thanks!' } } });
  });

  test('addComment: a cut-off answer is a failure; a refusal carries the details\' descriptions', async () => {
    helpdesk.reset((_req, res) => json(res, 200, '{"request": {"id": 33, "status": "op'));
    assert.ok((await failure(v2.addComment(caller, '33', { body: 'x', uploads: [], solve: false }))) instanceof HelpdeskBadResponseError);
    helpdesk.reset((_req, res) => json(res, 422, example.errors.invalid));
    const error = await failure(v2.addComment(caller, '33', { body: '', uploads: [], solve: false }));
    assert.ok(error instanceof HelpdeskValidationError);
    assert.deepEqual(error.messages, ['Description: cannot be blank']);
    helpdesk.reset((_req, res) => json(res, 400, { error: 'InvalidValue', description: 'Comment body is too long' }));
    const described = await failure(v2.addComment(caller, '33', { body: 'x', uploads: [], solve: false }));
    assert.ok(described instanceof HelpdeskValidationError);
    assert.deepEqual(described.messages, ['Comment body is too long']);
  });
});

describe('rate limits', () => {
  test('a read is retried after a short Retry-After; a write is not', async () => {
    helpdesk.reset((_req, res, _call, index) => (index === 0 ? json(res, 429, { error: 'TooManyRequests' }, { 'Retry-After': '1' }) : json(res, 200, example.listRequests)));
    const started = Date.now();
    await v2.listRequests(caller, { status: 'open', page: 1 });
    assert.equal(helpdesk.calls.length, 2);
    assert.ok(Date.now() - started >= 1_000);

    helpdesk.reset((_req, res) => json(res, 429, { error: 'TooManyRequests' }, { 'Retry-After': '1' }));
    const limited = await failure(v2.addComment(caller, '33', { body: 'x', uploads: [], solve: false }));
    assert.ok(limited instanceof HelpdeskRateLimitedError && limited.retryAfterSeconds === 1);
    assert.equal(helpdesk.calls.length, 1);
  });
});

describe('credentials', () => {
  test('end-user mode: Basic email:password, and the session keeps the password', () => {
    assert.equal(v2.signInMode, 'end-user');
    assert.equal(v2.onBehalfOf('ann@example.com'), null);
    assert.equal(v2.callerFor({ requester: ann }), null);
    assert.deepEqual(v2.callerFor({ requester: ann, password: 'pw' }), { requesterId: '1462', credentials: { kind: 'password', email: 'ann@example.com', password: 'pw' } });
  });

  test('API token: calls as the customer with email/token; sign-in still checks the password with Basic', async () => {
    const desk = createV2Helpdesk({ token: { kind: 'api-token', token: 'TOKEN123' } });
    assert.equal(desk.signInMode, 'on-behalf-of');
    const stored = desk.callerFor({ requester: ann });
    assert.ok(stored);
    helpdesk.reset((_req, res) => json(res, 200, example.listRequests));
    await desk.listRequests(stored, { status: 'open', page: 1 });
    assert.equal(helpdesk.calls[0]?.headers.authorization, basic('ann@example.com/token', 'TOKEN123'));
    assert.equal(helpdesk.calls[0]?.headers['x-on-behalf-of'], undefined);

    helpdesk.reset((_req, res) => json(res, 200, example.me));
    await desk.whoAmI(desk.passwordCredentials('ann@example.com', 'typed'));
    assert.equal(helpdesk.calls[0]?.headers.authorization, basic('ann@example.com', 'typed'));
  });

  test('OAuth: Bearer token plus X-On-Behalf-Of: the customer\'s email', async () => {
    const desk = createV2Helpdesk({ token: { kind: 'oauth', token: 'oauth-abc' } });
    const credentials = desk.onBehalfOf('ann@example.com');
    assert.ok(credentials);
    helpdesk.reset((_req, res) => json(res, 200, example.me));
    assert.deepEqual(await desk.whoAmI(credentials), ann);
    assert.equal(helpdesk.calls[0]?.headers.authorization, 'Bearer oauth-abc');
    assert.equal(helpdesk.calls[0]?.headers['x-on-behalf-of'], 'ann@example.com');
  });
});

describe('probe', () => {
  test('an anonymous GET /api/v2/users/me.json; the anonymous user or a 401 is alive, a 404 is not', async () => {
    helpdesk.reset((_req, res) => json(res, 200, example.anonymousMe));
    assert.deepEqual(await v2.probe(1_000), { ready: true });
    assert.deepEqual(helpdesk.calls.map((c) => [c.url, c.headers.authorization, c.headers.accept]), [['/api/v2/users/me.json', undefined, 'application/json']]);
    helpdesk.reset((_req, res) => json(res, 401, example.errors.unauthorized));
    assert.deepEqual(await v2.probe(1_000), { ready: true });
    helpdesk.reset((_req, res) => json(res, 404, example.errors.notFound));
    assert.deepEqual(await v2.probe(1_000), { ready: false, reason: 'help desk answered 404' });
  });
});
