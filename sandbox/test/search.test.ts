// Searching one's own requests (classic extension GET /requests/search, v2 Search Requests) and the
// list's filters and sort: only the caller's requests, only what they may see (never an internal
// note's words), the query language, snippets, paging, and refusals of bad parameters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_INTERNAL_NOTE } from '../demo';
import { call, child, createEndUser, createRequest, expectError, expectV2Error, freshApp, json, text, v2call, xml, type Answer } from './helpers';

const ids = (list: Answer) => xml(list).children.map((t) => Number(text(t, 'nice-id')));
const count = (list: Answer) => Number(xml(list).attrs['count']);
const snippetOf = (list: Answer, id: number) => {
  const ticket = xml(list).children.find((t) => Number(text(t, 'nice-id')) === id);
  assert.ok(ticket, `request ${id} is in the answer`);
  const snippet = child(ticket, 'snippet');
  return snippet.nil ? null : snippet.text;
};

async function agentComment(app: FastifyInstance, id: number, value: string, isPublic: boolean): Promise<void> {
  const res = await call(app, 'PUT', `/tickets/${id}.xml`, { as: 'agent', body: `<comment><is-public>${isPublic}</is-public><value>${value}</value></comment>` });
  assert.equal(res.status, 200, res.body);
}

async function setStatus(app: FastifyInstance, id: number, statusId: number): Promise<void> {
  const res = await call(app, 'PUT', `/tickets/${id}.xml`, { as: 'admin', body: `<ticket><status-id>${statusId}</status-id></ticket>` });
  assert.equal(res.status, 200, res.body);
}

const carol = { email: 'carol@example.com', password: 'carol-password' };
const dave = { email: 'dave@example.com', password: 'dave-password' };

describe('search: whose requests, and which words', () => {
  let app: FastifyInstance;
  const r: Record<string, number> = {};
  const search = (query: string, as = carol, extra = '') => call(app, 'GET', `/requests/search.xml?query=${encodeURIComponent(query)}${extra}`, { as });

  before(async () => {
    app = await freshApp();
    await createEndUser(app, carol.email, carol.password, 'Carol');
    await createEndUser(app, dave.email, dave.password, 'Dave');
    r.printer = await createRequest(app, carol, 'Printer keeps jamming', 'The printer on the third floor jams on every page.');
    r.laptop = await createRequest(app, carol, 'Laptop battery', 'My laptop battery dies after an hour.');
    r.cafe = await createRequest(app, carol, 'Coffee machine', 'The machine in the Café makes no espresso.');
    r.subjectOnly = await createRequest(app, carol, 'Quarterly zeppelin report', 'Nothing else to say.');
    await agentComment(app, r.laptop, 'We ordered a replacement from Wolfenstein Supplies.', true);
    await agentComment(app, r.printer, 'Internal: vendor contract xylophone-42 covers this.', false);
    r.davePrinter = await createRequest(app, dave, 'Printer broken too', 'Another printer, Wolfenstein again.');
  });
  after(() => app.close());

  it('finds a request by a word of an agent\'s public reply, with a snippet around it', async () => {
    const found = await search('wolfenstein');
    assert.deepEqual(ids(found), [r.laptop]);
    assert.equal(count(found), 1);
    assert.match(snippetOf(found, r.laptop!) ?? '', /replacement from Wolfenstein Supplies/);
  });

  it('never by an internal note\'s words, and never another customer\'s request', async () => {
    assert.deepEqual(ids(await search('xylophone')), []);
    assert.deepEqual(ids(await search('contract')), []);
    assert.deepEqual(ids(await search('printer')), [r.printer]);
    assert.deepEqual(ids(await search('printer', dave)), [r.davePrinter]);
    // The demo's internal note, searched for by the demo customer it is about.
    const words = DEMO_INTERNAL_NOTE.split(/\W+/).filter((w) => w.length > 6).slice(0, 3);
    for (const word of words) assert.deepEqual(ids(await search(word, { email: 'alice@example.com', password: 'alice-password' }, '&status=all')), [], word);
  });

  it('the answer is the reduced request view, with public comments only', async () => {
    const found = await search('printer');
    assert.ok(!found.body.includes('xylophone'));
    assert.ok(!found.body.includes('is-public'));
    assert.ok(!found.body.includes('assignee-id'));
  });

  it('every word must match, any case, accents ignored; phrases, prefixes and words to leave out', async () => {
    assert.deepEqual(ids(await search('PRINTER third')), [r.printer]);
    assert.deepEqual(ids(await search('printer battery')), []);
    assert.deepEqual(ids(await search('cafe')), [r.cafe]);
    assert.deepEqual(ids(await search('"third floor"')), [r.printer]);
    assert.deepEqual(ids(await search('"floor third"')), []);
    assert.deepEqual(ids(await search('batt*')), [r.laptop]);
    assert.deepEqual(ids(await search('machine -espresso')), []);
    assert.deepEqual(new Set(ids(await search('-espresso'))), new Set([r.printer, r.laptop, r.subjectOnly]));
  });

  it('what a customer types is never FTS5 syntax', async () => {
    for (const query of ['printer OR laptop', 'NEAR(printer laptop)', 'owner:u1', '"unclosed', 'printer"', '*', '(((', 'subject:printer']) {
      const answer = await search(query);
      assert.equal(answer.status, 200, `${query}: ${answer.body}`);
    }
    assert.deepEqual(ids(await search('printer OR laptop')), [], 'OR is a word that must match too');
    // Another customer's owner token is only a word, not a way into their requests.
    assert.deepEqual(ids(await search(`u${await carolId()}`, dave)), []);
    assert.equal(count(await search('...')), 0, 'only punctuation: nothing to look for');
  });

  async function carolId(): Promise<number> {
    return Number(text(xml(await call(app, 'GET', '/users/current.xml', { as: carol })), 'id'));
  }

  it('a match in the subject only has no snippet (nil)', async () => {
    const found = await search('zeppelin');
    assert.deepEqual(ids(found), [r.subjectOnly]);
    assert.equal(snippetOf(found, r.subjectOnly!), null);
  });

  it('refuses a missing, empty, repeated or too long query, and bad filters', async () => {
    expectError(await call(app, 'GET', '/requests/search.xml', { as: carol }), 400, /query is required/);
    expectError(await search('   '), 400, /query is required/);
    expectError(await call(app, 'GET', '/requests/search.xml?query=a&query=b', { as: carol }), 400, /more than once/);
    expectError(await search('x'.repeat(501)), 400, /too long/);
    expectError(await search('printer', carol, '&status=waiting'), 400, /status/);
    expectError(await search('printer', carol, '&sort-by=priority'), 400, /sort-by/);
    expectError(await search('printer', carol, '&page=0'), 400, /page/);
    expectError(await call(app, 'GET', '/requests/search.xml?query=printer'), 401);
  });

  it('v2: Search Requests answers the same matches, without agent fields', async () => {
    const answer = await v2call(app, 'GET', `/api/v2/requests/search.json?query=${encodeURIComponent('wolfenstein')}`, { auth: basicFor(carol) });
    const body = json<{ requests: { id: number; subject: string }[]; count: number; next_page: string | null; previous_page: string | null }>(answer);
    assert.deepEqual(body.requests.map((q) => q.id), [r.laptop]);
    assert.equal(body.count, 1);
    assert.equal(body.next_page, null);
    assert.equal(body.previous_page, null);
    assert.ok(!answer.body.includes('snippet'), 'v2 answers as Zendesk does: no snippet');
    const note = json<{ requests: unknown[] }>(await v2call(app, 'GET', '/api/v2/requests/search.json?query=xylophone', { auth: basicFor(carol) }));
    assert.deepEqual(note.requests, []);
  });
});

const basicFor = (user: { email: string; password: string }) => `Basic ${Buffer.from(`${user.email}:${user.password}`).toString('base64')}`;

describe('filters and sort, listed and searched', () => {
  let app: FastifyInstance;
  const made: number[] = [];
  const erin = { email: 'erin@example.com', password: 'erin-password' };
  const list = (query: string) => call(app, 'GET', `/requests.xml?${query}`, { as: erin });
  const search = (query: string) => call(app, 'GET', `/requests/search.xml?query=router&${query}`, { as: erin });
  const v2search = (query: string) => v2call(app, 'GET', `/api/v2/requests/search.json?query=router&${query}`, { auth: basicFor(erin) });
  const v2ids = (answer: Answer) => json<{ requests: { id: number }[] }>(answer).requests.map((q) => q.id);

  before(async () => {
    app = await freshApp({ demo: false });
    await createEndUser(app, erin.email, erin.password, 'Erin');
    // Five requests about a router, in this order; then the second is updated last.
    for (let i = 0; i < 5; i++) made.push(await createRequest(app, erin, `Router trouble ${i}`, `The router drops the line (${i}).`));
    await setStatus(app, made[0]!, 2); // pending
    await setStatus(app, made[1]!, 3); // solved
    await setStatus(app, made[2]!, 4); // closed
    await call(app, 'PUT', `/requests/${made[3]}.xml`, { as: erin, body: '<comment><value>Still the router.</value></comment>' });
    await createRequest(app, erin, 'Unrelated', 'Nothing about networking.');
  });
  after(() => app.close());

  it('classic list: status open (unsolved, the default), pending, solved, all; sort by update or creation, either way', async () => {
    const [p, s, c, o, n] = made as [number, number, number, number, number];
    const unrelated = n + 1;
    assert.deepEqual(ids(await list('status=open')), [unrelated, o, p, n]);
    assert.deepEqual(ids(await list('status=pending')), [p]);
    assert.deepEqual(ids(await list('status=solved')), [c, s]);
    assert.deepEqual(ids(await list('status=all&sort-by=created-at&sort-order=asc')), [p, s, c, o, n, unrelated]);
    assert.deepEqual(ids(await list('status=all&sort-by=created-at')), [unrelated, n, o, c, s, p]);
    assert.deepEqual(ids(await list('status=open&sort-order=asc')), [n, p, o, unrelated]);
    expectError(await list('sort-by=subject'), 400, /sort-by must be "updated-at", "created-at"/);
    expectError(await list('sort-order=up'), 400, /sort-order/);
  });

  it('classic search: the same filters and sort, and relevance', async () => {
    const [p, s, c, o, n] = made as [number, number, number, number, number];
    assert.deepEqual(ids(await search('')), [o, p, n], 'open by default, newest update first');
    assert.deepEqual(ids(await search('status=solved&sort-by=created-at&sort-order=asc')), [s, c]);
    assert.deepEqual(ids(await search('status=all&sort-by=created-at')), [n, o, c, s, p]);
    assert.deepEqual(ids(await search('status=pending')), [p]);
    // "router" twice in one request's conversation ranks it first.
    assert.equal(ids(await search('status=all&sort-by=relevance'))[0], o);
  });

  it('classic search pages by 15 with the count over all pages', async () => {
    for (let i = 0; i < 14; i++) await createRequest(app, erin, `More router ${i}`, 'router');
    const first = await search('status=all');
    assert.equal(count(first), 19);
    assert.equal(ids(first).length, 15);
    const second = await search('status=all&page=2');
    assert.equal(ids(second).length, 4);
    assert.equal(new Set([...ids(first), ...ids(second)]).size, 19);
    const beyond = await search('status=all&page=3');
    assert.deepEqual(ids(beyond), []);
    assert.equal(count(beyond), 19, 'a page past the end still says how many there are');
  });

  it('v2 search: status, sort_by, sort_order, offset paging only, and the 1,000-result limit', async () => {
    const [p, s, c] = made as [number, number, number, number, number];
    assert.deepEqual(v2ids(await v2search('status=solved,closed&sort_by=created_at&sort_order=asc')), [s, c]);
    assert.deepEqual(v2ids(await v2search('status=pending')), [p]);
    const page = json<{ requests: unknown[]; count: number; next_page: string | null; previous_page: string | null }>(await v2search('per_page=5&page=2&sort_by=created_at'));
    assert.equal(page.requests.length, 5);
    assert.equal(page.count, 19);
    assert.match(page.next_page ?? '', /page=3&per_page=5$/);
    assert.match(page.previous_page ?? '', /page=1&per_page=5$/);
    expectV2Error(await v2search('page[size]=5'), 400, 'InvalidPaginationParameter', /offset pagination only/);
    expectV2Error(await v2search('page=11&per_page=100'), 422, 'InsufficientResourceError');
    expectV2Error(await v2search('sort_by=priority'), 400, 'InvalidValue', /sort_by/);
    expectV2Error(await v2search('status=waiting'), 400, 'InvalidValue');
    expectV2Error(await v2call(app, 'GET', '/api/v2/requests/search.json', { auth: basicFor(erin) }), 400, 'InvalidValue', /query is required/);
  });
});
