// The agent's /tickets and /rules: validation of ticket bodies, the
// assignee/group rule, statuses, combined updates, views.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { call, child, expectError, fileApp, freshApp, text, xml } from './helpers';

describe('agent ticket bodies', () => {
  let app: FastifyInstance;
  let id = 0;
  const put = (body: string, ticket = id) => call(app, 'PUT', `/tickets/${ticket}.xml`, { as: 'agent', body });
  const post = (body: string) => call(app, 'POST', '/tickets.xml', { as: 'agent', body });

  before(async () => {
    app = await freshApp();
    const res = await post('<ticket><subject>Agent ticket</subject><description>Made by an agent</description><requester-id>4</requester-id></ticket>');
    id = Number(text(xml(res), 'id'));
  });
  after(() => app.close());

  it('defaults: requester is the agent when none is given, first comment authored by the requester', async () => {
    const t = xml(await post('<ticket><description>About myself</description></ticket>'));
    assert.equal(text(t, 'requester-id'), '2');
    assert.equal(text(child(t, 'comments').children[0]!, 'author-id'), '2');
    assert.equal(text(t, 'status-id'), '0');
    assert.equal(child(t, 'group-id').attrs['nil'], 'true');
  });

  it('refuses unknown and read-only elements with 422 naming the element', async () => {
    expectError(await post('<ticket><description>x</description><colour>red</colour></ticket>'), 422, /<colour>/);
    expectError(await put('<ticket><id>5</id></ticket>'), 422, /<id>/);
    expectError(await put('<ticket><created-at>2007-06-03T20:15:44Z</created-at></ticket>'), 422, /<created-at>/);
    expectError(await put('<ticket><description>changed</description></ticket>'), 422, /<description>/);
    expectError(await post('<ticket><description>x</description><comment><value>y</value></comment></ticket>'), 422, /comment/);
    expectError(await put('<ticket><ticket-field-entries><entry/></ticket-field-entries></ticket>'), 422, /<entry>/);
    expectError(await put('<ticket><comment><value>x</value><author-id>1</author-id></comment></ticket>'), 422, /<author-id>/);
  });

  it('refuses wrongly typed values with 422', async () => {
    const cases: [string, RegExp][] = [
      ['<priority-id>high</priority-id>', /priority-id/],
      ['<priority-id>5</priority-id>', /priority-id/],
      ['<status-id>7</status-id>', /status-id/],
      ['<status-id>-1</status-id>', /status-id/],
      ['<ticket-type-id>1.5</ticket-type-id>', /ticket-type-id/],
      ['<requester-id>abc</requester-id>', /requester-id/],
      ['<assignee-id>two</assignee-id>', /assignee-id/],
      ['<group-id>x</group-id>', /group-id/],
      ['<comment><value>x</value><is-public>maybe</is-public></comment>', /is-public/],
      ['<ticket-field-entries type="array"><ticket-field-entry><ticket-field-id>abc</ticket-field-id><value>v</value></ticket-field-entry></ticket-field-entries>', /ticket-field-id/],
      ['<subject><b>x</b></subject>', /subject/],
    ];
    for (const [inner, msg] of cases) expectError(await put(`<ticket>${inner}</ticket>`), 422, msg);
  });

  it('refuses ids that point nowhere', async () => {
    expectError(await put('<ticket><requester-id>9999</requester-id></ticket>'), 422, /Requester 9999/);
    expectError(await put('<ticket><group-id>99</group-id></ticket>'), 422, /Group 99/);
    expectError(await post('<ticket><description>x</description><requester-email>ghost@example.com</requester-email></ticket>'), 422, /requester-name/);
    expectError(await post('<ticket><description>x</description><requester-name>Ghost</requester-name></ticket>'), 422, /requester-email/);
    expectError(await post('<ticket><description>x</description><requester-id>3</requester-id><requester-email>alice@example.com</requester-email></ticket>'), 422);
    expectError(await call(app, 'PUT', '/tickets/999999.xml', { as: 'agent', body: '<ticket><priority-id>1</priority-id></ticket>' }), 404);
  });

  it('the assignee/group rule', async () => {
    expectError(await put('<ticket><assignee-id>3</assignee-id></ticket>'), 422, /not an agent/);
    expectError(await put('<ticket><assignee-id>9999</assignee-id></ticket>'), 422, /not an agent/);
    let t = xml(await put('<ticket><assignee-id>2</assignee-id></ticket>'));
    assert.equal(text(t, 'assignee-id'), '2');
    assert.equal(text(t, 'group-id'), '1', 'the agent\'s first group');
    assert.equal(text(t, 'status-id'), '1', 'new + assignee = open');
    expectError(await put('<ticket><group-id nil="true"/></ticket>'), 422, /assignee and no group/);
    t = xml(await put('<ticket><assignee-id nil="true"></assignee-id></ticket>'));
    assert.equal(child(t, 'assignee-id').attrs['nil'], 'true');
    assert.equal(text(t, 'group-id'), '1', 'unassigning keeps the group');
    t = xml(await put('<ticket><assignee-id>1</assignee-id><group-id>1</group-id></ticket>'));
    assert.equal(text(t, 'assignee-id'), '1', 'the admin is in Support too');
  });

  it('a field change and a comment in one update', async () => {
    const res = await put('<ticket><status-id>2</status-id><priority-id>3</priority-id><comment><value>Which model?</value></comment></ticket>');
    assert.equal(res.status, 200, res.body);
    const t = xml(res);
    assert.equal(text(t, 'status-id'), '2');
    assert.equal(text(t, 'priority-id'), '3');
    const last = child(t, 'comments').children.at(-1)!;
    assert.deepEqual([text(last, 'value'), text(last, 'is-public'), text(last, 'via-id')], ['Which model?', 'true', '5']);
  });

  it('statuses: never back to new; closed tickets are frozen', async () => {
    expectError(await put('<ticket><status-id>0</status-id></ticket>'), 422, /new/);
    assert.equal((await put('<ticket><status-id>4</status-id></ticket>')).status, 200);
    expectError(await put('<ticket><priority-id>1</priority-id></ticket>'), 422, /Closed tickets cannot be updated/);
  });

  it('ticket-field-entries are updated in place', async () => {
    const t = xml(await post('<ticket><description>f</description><ticket-field-entries type="array"><ticket-field-entry><ticket-field-id>7</ticket-field-id><value>a</value></ticket-field-entry></ticket-field-entries></ticket>'));
    const fid = text(t, 'id');
    const u = xml(await put('<ticket><ticket-field-entries type="array"><ticket-field-entry><ticket-field-id>7</ticket-field-id><value> b </value></ticket-field-entry><ticket-field-entry><ticket-field-id>8</ticket-field-id><value/></ticket-field-entry></ticket-field-entries></ticket>', Number(fid)));
    assert.deepEqual(child(u, 'ticket-field-entries').children.map((e) => [text(e, 'ticket-field-id'), text(e, 'value')]), [['7', ' b '], ['8', '']]);
  });
});

describe('views', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await freshApp();
  });
  after(() => app.close());

  it('1 is all unsolved, 2 unassigned unsolved, 3 solved and closed; 15 a page', async () => {
    for (let i = 0; i < 20; i++) await call(app, 'POST', '/requests.xml', { as: 'bob', body: `<ticket><description>bulk ${i}</description></ticket>` });
    const view = async (v: number, page = 1) => xml(await call(app, 'GET', `/rules/${v}.xml?page=${page}`, { as: 'agent' }));
    const unsolved = await view(1);
    assert.equal(unsolved.attrs['count'], String(4 + 20));
    assert.equal(unsolved.children.length, 15);
    assert.equal((await view(1, 2)).children.length, 9);
    assert.ok(unsolved.children.every((t) => Number(text(t, 'status-id')) < 3));
    const unassigned = await view(2);
    assert.equal(unassigned.attrs['count'], String(1 + 20));
    assert.ok(unassigned.children.every((t) => child(t, 'assignee-id').nil));
    const solved = await view(3);
    assert.deepEqual(solved.children.map((t) => text(t, 'status-id')).sort(), ['3', '4']);
    expectError(await call(app, 'GET', '/rules/99.xml', { as: 'agent' }), 404);
    expectError(await call(app, 'GET', '/rules/1.xml?page=0', { as: 'agent' }), 400);
  });
});

describe('writes are all or nothing', () => {
  it('a ticket refused after its new requester was made leaves no user behind', async () => {
    const t = await fileApp();
    try {
      const before = t.counts();
      const res = await call(t.app, 'POST', '/tickets.xml', {
        as: 'agent',
        body: '<ticket><description>x</description><requester-name>New Person</requester-name><requester-email>new@example.com</requester-email><assignee-id>3</assignee-id></ticket>',
      });
      expectError(res, 422, /not an agent/);
      assert.deepEqual(t.counts(), before);
      const ok = await call(t.app, 'POST', '/tickets.xml', {
        as: 'agent',
        body: '<ticket><description>x</description><requester-name>New Person</requester-name><requester-email>new@example.com</requester-email></ticket>',
      });
      assert.equal(ok.status, 201);
      assert.deepEqual(t.counts(), { ...before, tickets: before.tickets + 1, comments: before.comments + 1, users: before.users + 1 });
    } finally {
      await t.cleanup();
    }
  });
});
