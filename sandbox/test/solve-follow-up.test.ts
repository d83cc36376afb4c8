// Marking solved, following up a closed request, and who is on a request, in both dialects over the
// one store: can-be-solved-by-me by the reference's rule, the classic <ticket><solved> extension (a
// refusal leaves nothing behind), v2's solved (200 and no change when not allowed, as Zendesk),
// via_followup_source_id / <via-followup-source-id>, and the classic <users> extension.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { call, child, createRequest, expectError, expectV2Error, freshApp, json, text, v2call, xml } from './helpers';

type Req = { id: number; status: string; can_be_solved_by_me: boolean; followup_source_id: number | null };

describe('solving and following up', () => {
  let app: FastifyInstance;
  before(async () => (app = await freshApp()));
  after(() => app.close());

  const agent = (id: number, fields: string) => call(app, 'PUT', `/tickets/${id}.xml`, { as: 'agent', body: `<ticket>${fields}</ticket>` });
  const classicView = async (id: number, as: 'alice' | 'bob' = 'alice') => xml(await call(app, 'GET', `/requests/${id}.xml`, { as }));
  const v2View = async (id: number) => json<{ request: Req }>(await v2call(app, 'GET', `/api/v2/requests/${id}.json`, { auth: 'alice' })).request;
  const solvable = async (id: number) => {
    const classic = text(await classicView(id), 'can-be-solved-by-me');
    const v2 = (await v2View(id)).can_be_solved_by_me;
    assert.equal(classic, String(v2), 'both dialects agree');
    return v2;
  };

  it('can be solved by the requester once an agent has it, unless it is a problem or already solved', async () => {
    const id = await createRequest(app, 'alice', 'Solvable?');
    assert.equal(await solvable(id), false, 'new, nobody assigned');
    assert.equal((await agent(id, '<assignee-id>2</assignee-id>')).status, 200);
    assert.equal(await solvable(id), true, 'assigned; no type counts as not a problem');
    await agent(id, '<ticket-type-id>3</ticket-type-id>');
    assert.equal(await solvable(id), false, 'a problem');
    await agent(id, '<ticket-type-id>4</ticket-type-id><status-id>2</status-id>');
    assert.equal(await solvable(id), true, 'a pending task');
    await agent(id, '<status-id>3</status-id>');
    assert.equal(await solvable(id), false, 'already solved');
  });

  it('classic: <ticket><solved> with or without a comment; a refusal saves nothing', async () => {
    const put = (id: number, body: string) => call(app, 'PUT', `/requests/${id}.xml`, { as: 'alice', body });
    const withWord = await createRequest(app, 'alice', 'Solve with a word');
    await agent(withWord, '<assignee-id>2</assignee-id><status-id>2</status-id>');
    const solved = xml(await put(withWord, '<ticket><solved>true</solved><comment><value>Thanks, fixed</value></comment></ticket>'));
    assert.equal(text(solved, 'status-id'), '3');
    assert.equal(text(child(solved, 'comments').children.at(-1)!, 'value'), 'Thanks, fixed');

    const quiet = await createRequest(app, 'alice', 'Solve quietly');
    await agent(quiet, '<assignee-id>2</assignee-id>');
    const alone = xml(await put(quiet, '<ticket><solved>true</solved></ticket>'));
    assert.deepEqual([text(alone, 'status-id'), child(alone, 'comments').children.length], ['3', 1]);

    const notYet = await createRequest(app, 'alice', 'Not assigned');
    expectError(await put(notYet, '<ticket><solved>true</solved><comment><value>Done?</value></comment></ticket>'), 422, /cannot be marked as solved/);
    const untouched = await classicView(notYet);
    assert.deepEqual([text(untouched, 'status-id'), child(untouched, 'comments').children.length], ['0', 1], 'no comment, no status change');
    expectError(await put(notYet, '<ticket><solved>yes</solved></ticket>'), 422, /<solved> must be true or false/);
    expectError(await put(notYet, '<ticket><solved>false</solved></ticket>'), 422, /Nothing to update/);
  });

  it('v2: solved when allowed; otherwise 200, the comment saved and the status as it was (as Zendesk)', async () => {
    const id = await createRequest(app, 'alice', 'v2 not assigned');
    const res = await v2call(app, 'PUT', `/api/v2/requests/${id}.json`, { auth: 'alice', json: { request: { solved: true, comment: { body: 'Done?' } } } });
    assert.equal(res.status, 200, res.body);
    assert.equal(json<{ request: Req }>(res).request.status, 'new');
    const comments = json<{ comments: { body: string }[] }>(await v2call(app, 'GET', `/api/v2/requests/${id}/comments.json`, { auth: 'alice' })).comments;
    assert.deepEqual(comments.map((c) => c.body), ['Details', 'Done?']);
    await agent(id, '<assignee-id>2</assignee-id>');
    const solved = await v2call(app, 'PUT', `/api/v2/requests/${id}.json`, { auth: 'alice', json: { request: { solved: true } } });
    assert.equal(json<{ request: Req }>(solved).request.status, 'solved');
  });

  it('a follow-up of one\'s own closed request, in both dialects; anything else is a 422 naming why', async () => {
    const closed = await createRequest(app, 'alice', 'Will be closed');
    await agent(closed, '<status-id>4</status-id>');
    const classic = await call(app, 'POST', '/requests.xml', {
      as: 'alice',
      body: `<ticket><subject>Back again</subject><description>Same</description><via-followup-source-id>${closed}</via-followup-source-id></ticket>`,
    });
    assert.equal(classic.status, 201, classic.body);
    const classicId = Number(text(xml(classic), 'nice-id'));
    assert.equal(text(xml(classic), 'followup-source-id'), String(closed));
    const v2 = await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', json: { request: { subject: 'Again', comment: { body: 'x' }, via_followup_source_id: closed } } });
    assert.equal(v2.status, 201, v2.body);
    assert.equal(json<{ request: Req }>(v2).request.followup_source_id, closed);
    assert.equal((await v2View(classicId)).followup_source_id, closed, 'one store: the classic follow-up is v2\'s too');
    assert.equal(text(await classicView(await createRequest(app, 'alice', 'Plain')), 'followup-source-id'), '', 'nil when none');

    const bobs = await createRequest(app, 'bob', 'Bob\'s, closed');
    await agent(bobs, '<status-id>4</status-id>');
    const open = await createRequest(app, 'alice', 'Still open');
    for (const [source, reason] of [[open, /only a request that is closed/], [bobs, /not one of your requests/], [999999, /not one of your requests/]] as const) {
      expectError(
        await call(app, 'POST', '/requests.xml', { as: 'alice', body: `<ticket><description>x</description><via-followup-source-id>${source}</via-followup-source-id></ticket>` }),
        422,
        reason,
      );
      const refused = expectV2Error(
        await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', json: { request: { subject: 's', comment: { body: 'x' }, via_followup_source_id: source } } }),
        422,
        'RecordInvalid',
      );
      assert.match(JSON.stringify(refused['details']), /via_followup_source_id.*cannot be followed up/);
    }
    expectV2Error(await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', json: { request: { subject: 's', comment: { body: 'x' }, via_followup_source_id: 'seven' } } }), 422, 'RecordInvalid');
  });

  it('classic <users>: the requester and public authors with names and roles, never an email; lists carry none', async () => {
    const id = await createRequest(app, 'alice', 'Who is here');
    await agent(id, '<comment><is-public>true</is-public><value>Hello</value></comment>');
    await call(app, 'PUT', `/tickets/${id}.xml`, { as: 'admin', body: '<comment><is-public>false</is-public><value>Internal</value></comment>' });
    const people = child(await classicView(id), 'users');
    assert.equal(people.attrs['type'], 'array');
    assert.deepEqual(
      people.children.map((u) => [text(u, 'id'), text(u, 'name'), text(u, 'roles')]),
      [['2', 'Ada Agent', '2'], ['3', 'Alice Andersen', '0']],
      'the admin wrote only an internal note: not listed',
    );
    const raw = (await call(app, 'GET', `/requests/${id}.xml`, { as: 'alice' })).body;
    assert.doesNotMatch(raw, /<email|@example\.com/);
    const list = xml(await call(app, 'GET', '/requests.xml', { as: 'alice' }));
    assert.ok(list.children.every((t) => !t.children.some((c) => c.name === 'users')));
  });
});
