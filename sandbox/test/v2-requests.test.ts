// The v2 Requests API against the reference's examples: list, show, create,
// update with a comment, list comments; the Request object's exact fields;
// never an internal note or agent-only field; one store for both dialects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_INTERNAL_NOTE } from '../demo';
import { call, createV2EndUser, expectV2Error, fileApp, freshApp, json, text, v2call, xml } from './helpers';

// The Request object's fields, in the order the sandbox writes them (see sandbox/README.md).
const REQUEST_FIELDS = [
  'url', 'id', 'status', 'priority', 'type', 'subject', 'description', 'organization_id', 'via', 'custom_fields', 'ticket_form_id', 'requester_id',
  'collaborator_ids', 'email_cc_ids', 'is_public', 'due_at', 'can_be_solved_by_me', 'created_at', 'updated_at', 'recipient',
  'followup_source_id', 'assignee_id', 'fields',
];
const COMMENT_FIELDS = ['id', 'type', 'request_id', 'body', 'html_body', 'plain_body', 'public', 'author_id', 'attachments', 'created_at'];
const AGENT_ONLY = ['tags', 'group_id', 'submitter_id', 'external_id', 'raw_subject', 'has_incidents', 'follower_ids'];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

type Req = Record<string, unknown> & { id: number; status: string; subject: string };

describe('v2 Requests API', () => {
  let app: FastifyInstance;
  before(async () => (app = await freshApp()));
  after(() => app.close());

  it('List Requests: the caller\'s requests as {"requests": [...]} with offset paging fields', async () => {
    const body = json<{ requests: Req[]; next_page: unknown; previous_page: unknown; count: number }>(await v2call(app, 'GET', '/api/v2/requests.json', { auth: 'alice' }));
    assert.deepEqual(body.requests.map((r) => r.id), [1, 2, 3, 4, 5], 'oldest first: created_at asc is the default');
    assert.deepEqual(body.requests.map((r) => r.status), ['closed', 'solved', 'pending', 'open', 'new']);
    assert.equal(body.count, 5);
    assert.equal(body.next_page, null);
    assert.equal(body.previous_page, null);
    for (const r of body.requests) assert.deepEqual(Object.keys(r), REQUEST_FIELDS);
  });

  it('List Requests filters by status (comma list) and sorts by sort_by / sort_order', async () => {
    const open = json<{ requests: Req[] }>(await v2call(app, 'GET', '/api/v2/requests.json?status=new,open,pending&sort_by=updated_at&sort_order=desc', { auth: 'alice' }));
    assert.deepEqual(open.requests.map((r) => r.status), ['new', 'open', 'pending']);
    const created = json<{ requests: Req[] }>(await v2call(app, 'GET', '/api/v2/requests?sort_by=created_at&sort_order=desc', { auth: 'alice' }));
    assert.deepEqual(created.requests.map((r) => r.id), [5, 4, 3, 2, 1]);
    const hold = json<{ requests: Req[] }>(await v2call(app, 'GET', '/api/v2/requests.json?status=hold', { auth: 'alice' }));
    assert.deepEqual(hold.requests, []);
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests.json?status=waiting', { auth: 'alice' }), 400, 'InvalidValue', /Unknown status "waiting"/);
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests.json?sort_by=subject', { auth: 'alice' }), 400, 'InvalidValue', /sort_by/);
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests.json?sort_order=up', { auth: 'alice' }), 400, 'InvalidValue', /sort_order/);
  });

  it('include=users sideloads the requesters, assignees and public comment authors, without others\' contact details', async () => {
    const body = json<{ requests: Req[]; users: Record<string, unknown>[] }>(await v2call(app, 'GET', '/api/v2/requests.json?include=users', { auth: 'alice' }));
    assert.deepEqual(body.users.map((u) => u['id']).sort(), [2, 3]);
    const agent = body.users.find((u) => u['id'] === 2)!;
    assert.equal(agent['name'], 'Ada Agent');
    assert.equal(agent['role'], 'agent');
    assert.equal(agent['photo'], null);
    assert.equal('email' in agent, false, 'an agent\'s email is not shown to end users');
    assert.equal(body.users.find((u) => u['id'] === 3)!['email'], 'alice@example.com');
    const plain = json(await v2call(app, 'GET', '/api/v2/requests.json', { auth: 'alice' }));
    assert.equal('users' in plain, false);
  });

  it('Show Request: {"request": {...}} with ISO times, nulls where empty, and no agent-only field', async () => {
    const res = await v2call(app, 'GET', '/api/v2/requests/4.json', { auth: 'alice' });
    const r = json<{ request: Req }>(res).request;
    assert.deepEqual(Object.keys(r), REQUEST_FIELDS);
    assert.equal(r['url'], 'http://localhost:80/api/v2/requests/4.json');
    assert.equal(r.subject, 'Printer on the 3rd floor keeps jamming');
    assert.equal(r['description'], 'The printer next to the kitchen jams on every second page.\nIt started on Monday.');
    assert.equal(r.status, 'open');
    assert.equal(r['priority'], 'high');
    assert.equal(r['type'], 'question');
    assert.equal(r['requester_id'], 3);
    assert.equal(r['assignee_id'], 2);
    assert.equal(r['organization_id'], null);
    assert.equal(r['due_at'], null);
    assert.deepEqual(r['via'], { channel: 'api', source: { from: {}, to: {}, rel: null } });
    assert.equal(r['can_be_solved_by_me'], true, 'assigned, a question, not solved');
    assert.match(String(r['created_at']), ISO);
    assert.match(String(r['updated_at']), ISO);
    for (const field of AGENT_ONLY) assert.equal(field in r, false, field);
    assert.equal(res.body.includes(DEMO_INTERNAL_NOTE), false);
    assert.deepEqual(json(await v2call(app, 'GET', '/api/v2/requests/4', { auth: 'alice' })), json(res), 'with and without .json');
  });

  it('Listing Comments: public comments only, oldest first, authors sideloaded', async () => {
    const res = await v2call(app, 'GET', '/api/v2/requests/4/comments.json', { auth: 'alice' });
    const body = json<{ comments: Record<string, unknown>[]; users: Record<string, unknown>[]; count: number }>(res);
    assert.equal(res.body.includes(DEMO_INTERNAL_NOTE), false);
    assert.deepEqual(body.comments.map((c) => c['body']), [
      'The printer next to the kitchen jams on every second page.\nIt started on Monday.',
      'Thanks for reporting this. We are looking into it.',
      'Thanks! It is still jamming today.',
    ]);
    for (const c of body.comments) {
      assert.deepEqual(Object.keys(c), COMMENT_FIELDS);
      assert.equal(c['public'], true);
      assert.equal(c['type'], 'Comment');
      assert.equal(c['request_id'], 4);
    }
    assert.equal(body.comments[0]!['html_body'], '<div class="zd-comment" dir="auto"><p>The printer next to the kitchen jams on every second page.<br>It started on Monday.</p></div>');
    assert.deepEqual(body.users.map((u) => u['id']).sort(), [2, 3]);
    assert.equal(body.count, 3);
    const desc = json<{ comments: Record<string, unknown>[] }>(await v2call(app, 'GET', '/api/v2/requests/4/comments.json?page[size]=10&sort=-created_at', { auth: 'alice' }));
    assert.equal(desc.comments[0]!['body'], 'Thanks! It is still jamming today.');
    const agents = json<{ comments: Record<string, unknown>[] }>(await v2call(app, 'GET', '/api/v2/requests/4/comments.json?role=agent', { auth: 'alice' }));
    assert.deepEqual(agents.comments.map((c) => c['author_id']), [2]);
  });

  it('Create Request: 201, Location, the new request; the comment body becomes the description', async () => {
    const res = await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'bob', json: { request: { subject: 'Help!', comment: { body: 'My printer is on fire!' } } } });
    assert.equal(res.status, 201, res.body);
    const r = json<{ request: Req }>(res).request;
    assert.equal(res.headers['location'], `http://localhost:80/api/v2/requests/${r.id}.json`);
    assert.equal(r.subject, 'Help!');
    assert.equal(r['description'], 'My printer is on fire!');
    assert.equal(r.status, 'new');
    assert.equal(r['requester_id'], 4);
    assert.equal(r['priority'], null);
    assert.equal(r['type'], null);
    assert.equal(r['assignee_id'], null);
    assert.equal(r['can_be_solved_by_me'], false);
    const comments = json<{ comments: Record<string, unknown>[] }>(await v2call(app, 'GET', `/api/v2/requests/${r.id}/comments`, { auth: 'bob' }));
    assert.deepEqual(comments.comments.map((c) => [c['body'], c['author_id']]), [['My printer is on fire!', 4]]);
  });

  it('Create Request refuses what the help desk refuses, in the RecordInvalid shape', async () => {
    const post = (request: unknown) => v2call(app, 'POST', '/api/v2/requests.json', { auth: 'bob', json: { request } });
    const blankSubject = expectV2Error(await post({ subject: ' ', comment: { body: 'x' } }), 422, 'RecordInvalid', /Record validation errors/);
    assert.deepEqual(blankSubject['details'], { subject: [{ description: 'Subject: cannot be blank', error: 'BlankValue' }] });
    const noComment = expectV2Error(await post({ subject: 'x' }), 422, 'RecordInvalid');
    assert.deepEqual(noComment['details'], { description: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] });
    const long = expectV2Error(await post({ subject: 'x'.repeat(151), comment: { body: 'x' } }), 422, 'RecordInvalid');
    assert.equal((long['details'] as Record<string, { error: string }[]>)['subject']![0]!.error, 'TooLong');
    expectV2Error(await post({ subject: 'x', comment: { body: 'x' }, priority: 'urgent' }), 422, 'RecordInvalid');
    expectV2Error(await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'bob', json: { ticket: {} } }), 400, 'BadRequest', /"request" object/);
  });

  it('Update Request with a comment: a public comment by the caller; pending reopens', async () => {
    const res = await v2call(app, 'PUT', '/api/v2/requests/3.json', { auth: 'alice', json: { request: { comment: { body: 'The serial number is 5CG1234.' } } } });
    assert.equal(res.status, 200, res.body);
    assert.equal(json<{ request: Req }>(res).request.status, 'open');
    const comments = json<{ comments: Record<string, unknown>[] }>(await v2call(app, 'GET', '/api/v2/requests/3/comments.json', { auth: 'alice' }));
    const last = comments.comments.at(-1)!;
    assert.equal(last['body'], 'The serial number is 5CG1234.');
    assert.equal(last['author_id'], 3);
    assert.equal(last['public'], true);
  });

  it('Update Request: solved only when can_be_solved_by_me; a closed request cannot change', async () => {
    const solved = await v2call(app, 'PUT', '/api/v2/requests/4.json', { auth: 'alice', json: { request: { solved: 'true' } } });
    assert.equal(json<{ request: Req }>(solved).request.status, 'solved');
    // Not solvable (new and unassigned): as Zendesk, a 200 that leaves the status as it was.
    const unsolved = await v2call(app, 'PUT', '/api/v2/requests/5.json', { auth: 'alice', json: { request: { solved: true } } });
    assert.equal(unsolved.status, 200, unsolved.body);
    assert.equal(json<{ request: Req }>(unsolved).request.status, 'new');
    const closed = expectV2Error(await v2call(app, 'PUT', '/api/v2/requests/1.json', { auth: 'alice', json: { request: { comment: { body: 'Again' } } } }), 422, 'RecordInvalid');
    assert.deepEqual(closed['details'], { status: [{ description: 'Status: closed prevents ticket update', error: 'ClosedPreventsUpdate' }] });
    expectV2Error(await v2call(app, 'PUT', '/api/v2/requests/5.json', { auth: 'alice', json: { request: {} } }), 422, 'RecordInvalid');
    expectV2Error(await v2call(app, 'PUT', '/api/v2/requests/5.json', { auth: 'alice', json: { request: { comment: { body: 'x', public: false } } } }), 422, 'RecordInvalid');
  });

  it("another user's request is a 404, exactly like a missing one", async () => {
    const missing = await v2call(app, 'GET', '/api/v2/requests/999.json', { auth: 'bob' });
    expectV2Error(missing, 404, 'RecordNotFound', /^Not found$/);
    for (const [method, url, body] of [
      ['GET', '/api/v2/requests/4.json', undefined],
      ['GET', '/api/v2/requests/4/comments.json', undefined],
      ['PUT', '/api/v2/requests/4.json', { request: { comment: { body: 'Not mine' } } }],
    ] as const) {
      const res = await v2call(app, method, url, { auth: 'bob', ...(body ? { json: body } : {}) });
      expectV2Error(res, 404, 'RecordNotFound');
      assert.equal(res.body, missing.body);
    }
    const bobs = json<{ requests: Req[] }>(await v2call(app, 'GET', '/api/v2/requests.json', { auth: 'bob' }));
    assert.equal(bobs.requests.some((r) => r['requester_id'] !== 4), false);
  });

  it('unknown v2 paths, bad ids, bad JSON and other charsets answer in the v2 shape', async () => {
    expectV2Error(await v2call(app, 'GET', '/api/v2/nothing.json', { auth: 'alice' }), 404, 'InvalidEndpoint');
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests/abc.json', { auth: 'alice' }), 400, 'BadRequest', /Invalid id/);
    expectV2Error(await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', headers: { 'content-type': 'application/json' }, json: undefined }), 400, 'BadRequest');
    const malformed = await app.inject({ method: 'POST', url: '/api/v2/requests.json', headers: { authorization: `Basic ${Buffer.from('alice@example.com:alice-password').toString('base64')}`, 'content-type': 'application/json' }, payload: '{"request":' });
    expectV2Error({ status: malformed.statusCode, headers: malformed.headers, body: malformed.body }, 400, 'BadRequest', /Malformed JSON/);
    expectV2Error(
      await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', headers: { 'content-type': 'application/json; charset=iso-8859-1' }, json: { request: { subject: 'x', comment: { body: 'y' } } } }),
      415,
      'UnsupportedMediaType',
      /Unsupported charset "iso-8859-1"/,
    );
    const xmlBody = await app.inject({ method: 'POST', url: '/api/v2/requests.json', headers: { authorization: `Basic ${Buffer.from('alice@example.com:alice-password').toString('base64')}`, 'content-type': 'application/xml' }, payload: '<ticket/>' });
    expectV2Error({ status: xmlBody.statusCode, headers: xmlBody.headers, body: xmlBody.body }, 415, 'UnsupportedMediaType');
  });
});

describe('internal notes never reach the end-user view', () => {
  let app: FastifyInstance;
  before(async () => (app = await freshApp()));
  after(() => app.close());

  it('an agent note added through PUT /api/v2/tickets with public:false is in the ticket, never in the request', async () => {
    const note = 'Internal: customer is on the legacy contract, escalate to billing.';
    const put = await v2call(app, 'PUT', '/api/v2/tickets/5.json', { auth: 'agent', json: { ticket: { comment: { body: note, public: false }, status: 'open' } } });
    assert.equal(put.status, 200, put.body);
    assert.ok('tags' in json<{ ticket: object }>(put).ticket, 'the agent view has agent fields');
    const agentComments = json<{ comments: Record<string, unknown>[] }>(await v2call(app, 'GET', '/api/v2/tickets/5/comments.json', { auth: 'agent' }));
    const last = agentComments.comments.at(-1)!;
    assert.equal(last['body'], note);
    assert.equal(last['public'], false);
    for (const url of ['/api/v2/requests.json?include=users', '/api/v2/requests/5.json?include=users', '/api/v2/requests/5/comments.json', '/api/v2/requests/5/comments.json?page[size]=100']) {
      const res = await v2call(app, 'GET', url, { auth: 'alice' });
      assert.equal(res.status, 200, res.body);
      assert.equal(res.body.includes(note), false, url);
      assert.equal(res.body.includes(DEMO_INTERNAL_NOTE), false, url);
    }
    const show = json<{ request: Req }>(await v2call(app, 'GET', '/api/v2/requests/5.json', { auth: 'alice' })).request;
    assert.equal(show['is_public'], true);
    assert.equal(show.status, 'open');
    // The classic view agrees.
    assert.equal((await call(app, 'GET', '/requests/5.xml', { as: 'alice' })).body.includes(note), false);
  });
});

describe('one store, two dialects', () => {
  let t: Awaited<ReturnType<typeof fileApp>>;
  before(async () => (t = await fileApp()));
  after(() => t.cleanup());

  it('a request created in XML is read in JSON, and commented on in JSON', async () => {
    const created = await call(t.app, 'POST', '/requests.xml', { as: 'alice', body: '<ticket><subject>From XML</subject><description>Written in XML &amp; read in JSON</description></ticket>' });
    const id = Number(text(xml(created), 'nice-id'));
    const r = json<{ request: Req }>(await v2call(t.app, 'GET', `/api/v2/requests/${id}.json`, { auth: 'alice' })).request;
    assert.equal(r.subject, 'From XML');
    assert.equal(r['description'], 'Written in XML & read in JSON');
    assert.equal(r.status, 'new');
    await v2call(t.app, 'PUT', `/api/v2/requests/${id}.json`, { auth: 'alice', json: { request: { comment: { body: 'Added in JSON' } } } });
    const back = xml(await call(t.app, 'GET', `/requests/${id}.xml`, { as: 'alice' }));
    const comments = back.children.find((c) => c.name === 'comments')!.children.map((c) => text(c, 'value'));
    assert.deepEqual(comments, ['Written in XML & read in JSON', 'Added in JSON']);
  });

  it('a request created in JSON is read in XML, and its XML comment shows in JSON', async () => {
    const created = json<{ request: Req }>(await v2call(t.app, 'POST', '/api/v2/requests.json', { auth: 'bob', json: { request: { subject: 'From JSON', comment: { body: 'Ünïcödé <b>kept</b>' } } } })).request;
    const ticket = xml(await call(t.app, 'GET', `/requests/${created.id}.xml`, { as: 'bob' }));
    assert.equal(text(ticket, 'subject'), 'From JSON');
    assert.equal(text(ticket, 'description'), 'Ünïcödé <b>kept</b>');
    assert.equal(text(ticket, 'via-id'), '5');
    await call(t.app, 'PUT', `/requests/${created.id}.xml`, { as: 'bob', body: '<comment><value>Added in XML</value></comment>' });
    const comments = json<{ comments: Record<string, unknown>[] }>(await v2call(t.app, 'GET', `/api/v2/requests/${created.id}/comments.json`, { auth: 'bob' }));
    assert.deepEqual(comments.comments.map((c) => c['body']), ['Ünïcödé <b>kept</b>', 'Added in XML']);
  });
});

describe('unverified end users', () => {
  let app: FastifyInstance;
  before(async () => (app = await freshApp({ demo: false })));
  after(() => app.close());

  it('are refused by the Requests API (403) but can still see who they are', async () => {
    await createV2EndUser(app, 'new@example.com', 'new-password', { verified: false });
    const auth = `Basic ${Buffer.from('new@example.com:new-password').toString('base64')}`;
    const me = json<{ user: Record<string, unknown> }>(await v2call(app, 'GET', '/api/v2/users/me.json', { auth }));
    assert.equal(me.user['verified'], false);
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests.json', { auth }), 403, 'Forbidden', /not verified/);
    expectV2Error(await v2call(app, 'POST', '/api/v2/requests.json', { auth, json: { request: { subject: 'x', comment: { body: 'y' } } } }), 403, 'Forbidden');
    await createV2EndUser(app, 'ok@example.com', 'ok-password');
    const ok = await v2call(app, 'GET', '/api/v2/requests.json', { auth: `Basic ${Buffer.from('ok@example.com:ok-password').toString('base64')}` });
    assert.equal(ok.status, 200, ok.body);
  });
});
