// The end user's /requests: pagination, the solved extension, privacy,
// comments and status changes, validation, and exact text round trips.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_INTERNAL_NOTE } from '../demo';
import { call, child, createEndUser, createRequest, expectError, freshApp, text, xml, type Answer } from './helpers';

const ids = (list: Answer) => xml(list).children.map((t) => Number(text(t, 'nice-id')));

/** Alice's demo requests by subject, read through the agent view. */
async function demoIds(app: FastifyInstance): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const view of [1, 3]) {
    for (const t of xml(await call(app, 'GET', `/rules/${view}.xml`, { as: 'agent' })).children) out[text(t, 'subject')] = Number(text(t, 'id'));
  }
  return out;
}

describe('GET /requests pagination', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await freshApp({ demo: false });
    await createEndUser(app, 'pager@example.com', 'pager-password');
  });
  after(() => app.close());

  const pager = { email: 'pager@example.com', password: 'pager-password' };
  const page = (n?: number) => call(app, 'GET', `/requests.xml${n ? `?page=${n}` : ''}`, { as: pager });
  const created: number[] = [];

  for (const total of [0, 1, 15, 16, 31]) {
    it(`with ${total} requests`, async () => {
      while (created.length < total) created.push(await createRequest(app, pager, `Request ${created.length + 1}`));
      const newestFirst = [...created].reverse();
      const pages = Math.max(1, Math.ceil(total / 15));
      for (let n = 1; n <= pages + 1; n++) {
        const res = await page(n);
        const root = xml(res);
        assert.equal(root.name, 'tickets');
        assert.equal(root.attrs['type'], 'array');
        assert.equal(root.attrs['count'], String(total), 'count is the total over all pages');
        assert.deepEqual(ids(res), newestFirst.slice((n - 1) * 15, n * 15), `page ${n}`);
      }
      assert.equal((await page()).body, (await page(1)).body, 'no ?page is page 1');
    });
  }

  it('refuses a page that is not a whole number from 1', async () => {
    for (const bad of ['0', '-1', 'abc', '1.5', '', '1e3']) {
      expectError(await call(app, 'GET', `/requests.xml?page=${bad}`, { as: pager }), 400, /page/);
    }
    expectError(await call(app, 'GET', '/requests.xml?page=1&page=2', { as: pager }), 400);
  });
});

describe('requests of the demo end users', () => {
  let app: FastifyInstance;
  let demo: Record<string, number>;
  before(async () => {
    app = await freshApp();
    demo = await demoIds(app);
  });
  after(() => app.close());

  it('lists open requests by default and solved/closed with ?status=solved', async () => {
    const open = xml(await call(app, 'GET', '/requests.xml', { as: 'alice' }));
    assert.deepEqual(open.children.map((t) => text(t, 'status-id')).sort(), ['0', '1', '2']);
    const solved = xml(await call(app, 'GET', '/requests.xml?status=solved', { as: 'alice' }));
    assert.equal(solved.attrs['count'], '2');
    assert.deepEqual(solved.children.map((t) => text(t, 'status-id')).sort(), ['3', '4']);
    assert.equal((await call(app, 'GET', '/requests.xml?status=open', { as: 'alice' })).body, (await call(app, 'GET', '/requests.xml', { as: 'alice' })).body);
    expectError(await call(app, 'GET', '/requests.xml?status=waiting', { as: 'alice' }), 400, /status must be "open", "pending", "solved", "all"/);
    expectError(await call(app, 'GET', '/requests.xml?status=SOLVED', { as: 'alice' }), 400);
  });

  it('another end user\'s request is a 404, exactly like a missing one', async () => {
    const bobs = ids(await call(app, 'GET', '/requests.xml', { as: 'bob' }))[0]!;
    const theirs = await call(app, 'GET', `/requests/${bobs}.xml`, { as: 'alice' });
    const missing = await call(app, 'GET', '/requests/999999.xml', { as: 'alice' });
    expectError(theirs, 404);
    assert.equal(theirs.body, missing.body);
    expectError(await call(app, 'PUT', `/requests/${bobs}.xml`, { as: 'alice', body: '<comment><value>hi</value></comment>' }), 404);
    // And nothing was added to Bob's request.
    const bobView = xml(await call(app, 'GET', `/requests/${bobs}`, { as: 'bob' }));
    assert.equal(child(bobView, 'comments').children.length, 2);
  });

  it('never shows an agent-only field or an internal comment (raw XML)', async () => {
    // One more internal note, made by an agent through /tickets.
    const printer = demo['Printer on the 3rd floor keeps jamming']!;
    await call(app, 'PUT', `/tickets/${printer}.xml`, { as: 'agent', body: '<comment><is-public>false</is-public><value>SECRET-NOTE-2</value></comment>' });
    const answers = [
      await call(app, 'GET', '/requests.xml', { as: 'alice' }),
      await call(app, 'GET', '/requests.xml?status=solved', { as: 'alice' }),
      await call(app, 'GET', '/requests.xml', { as: 'agent', onBehalfOf: 'alice@example.com' }),
      await call(app, 'POST', '/requests.xml', { as: 'alice', body: '<ticket><description>new</description></ticket>' }),
      await call(app, 'PUT', `/requests/${printer}.xml`, { as: 'alice', body: '<comment><value>still broken</value></comment>' }),
    ];
    for (const id of Object.values(demo)) answers.push(await call(app, 'GET', `/requests/${id}.xml`, { as: 'alice' }));
    // Type and priority are deliberately shown (the help desk's end-user Requests API shows them);
    // everything else an agent sees is not, nor anyone's email in the sideloaded <users>.
    // Field entries only of fields visible to end users: never an agent-only one (the demo's cost
    // centre) nor one the help desk has no definition of (the demo's field 139).
    const forbidden = /assignee|group|tags|score|is-public|submitter|external-id|<email|@example\.com|SECRET-NOTE|FAC-2231|CC-4711|contact me by phone during/i;
    for (const a of answers) {
      if (a.status === 404) continue; // Bob's request
      assert.ok(a.status < 300, a.body);
      assert.doesNotMatch(a.body, forbidden);
      assert.ok(!a.body.includes(DEMO_INTERNAL_NOTE));
    }
    const printerView = xml(await call(app, 'GET', `/requests/${printer}.xml`, { as: 'alice' }));
    assert.deepEqual([text(printerView, 'priority-id'), text(printerView, 'ticket-type-id')], ['3', '1']);
    // The agent does see both notes.
    const full = (await call(app, 'GET', `/tickets/${printer}.xml`, { as: 'agent' })).body;
    assert.ok(full.includes('FAC-2231') && full.includes('SECRET-NOTE-2'));
  });

  it('a reply reopens pending and solved requests, leaves new ones new, and refuses closed ones', async () => {
    const reply = (id: number) => call(app, 'PUT', `/requests/${id}.xml`, { as: 'alice', body: '<comment><value>Any news?</value></comment>' });
    for (const [subject, after] of [
      ['VPN access for my new laptop', '1'],
      ['Password reset link expired', '1'],
      ['Cannot upload attachments', '0'],
      ['Printer on the 3rd floor keeps jamming', '1'],
    ] as const) {
      const res = await reply(demo[subject]!);
      assert.equal(res.status, 200, res.body);
      assert.equal(text(xml(res), 'status-id'), after, subject);
    }
    const closed = await reply(demo['Copy of my March invoice']!);
    expectError(closed, 422, /^Closed requests cannot be updated$/);
  });

  it('a write moves updated-at and the request to the top of the list', async () => {
    const before = ids(await call(app, 'GET', '/requests.xml', { as: 'alice' }));
    const oldest = before.at(-1)!;
    const res = await call(app, 'PUT', `/requests/${oldest}.xml`, { as: 'alice', body: '<comment><value>bump</value></comment>' });
    assert.ok(text(xml(res), 'updated-at') >= text(xml(res), 'created-at'));
    assert.equal(ids(await call(app, 'GET', '/requests.xml', { as: 'alice' }))[0], oldest);
  });
});

describe('creating and commenting on requests', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await freshApp();
  });
  after(() => app.close());

  it('POST answers 201, Location and the same document GET gives', async () => {
    const res = await call(app, 'POST', '/requests.xml', { as: 'bob', body: '<ticket><description>Only a description</description></ticket>' });
    assert.equal(res.status, 201);
    const r = xml(res);
    assert.equal(text(r, 'subject'), '');
    assert.equal(text(r, 'status-id'), '0');
    assert.equal(text(r, 'via-id'), '5');
    assert.equal(res.headers['location'], `/requests/${text(r, 'nice-id')}.xml`);
    assert.equal((await call(app, 'GET', String(res.headers['location']), { as: 'bob' })).body, res.body);
  });

  it('text round-trips exactly: markup characters, ]]>, quotes, emoji, scripts, whitespace', async () => {
    const nasty = '  Tom & Jerry <tom@example.com> said "hi" & \'bye\' ]]> 😀🎉 日本語 中文 العربية Ελληνικά\n\n\tindented\n  ';
    const escaped = nasty.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const subject = ' <Subject> & "more" ';
    const created = await call(app, 'POST', '/requests', {
      as: 'alice',
      body: `<ticket><subject>${subject.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</subject><description>${escaped}</description></ticket>`,
    });
    assert.equal(created.status, 201, created.body);
    const id = text(xml(created), 'nice-id');
    const put = await call(app, 'PUT', `/requests/${id}`, { as: 'alice', body: `<comment><value><![CDATA[${nasty.replace(']]>', ']]]]><![CDATA[>')}]]></value></comment>` });
    assert.equal(put.status, 200, put.body);
    for (const doc of [xml(created), xml(put), xml(await call(app, 'GET', `/requests/${id}.xml`, { as: 'alice' }))]) {
      assert.equal(text(doc, 'description'), nasty);
      assert.equal(text(doc, 'subject'), subject);
      assert.equal(text(child(doc, 'comments').children[0]!, 'value'), nasty);
    }
    const comments = child(xml(put), 'comments').children;
    assert.equal(text(comments[1]!, 'value'), nasty);
    const agentView = xml(await call(app, 'GET', `/tickets/${id}.xml`, { as: 'agent' }));
    assert.equal(text(agentView, 'description'), nasty);
  });

  it('refuses bad bodies with 4xx and the errors document', async () => {
    const post = (body: string) => call(app, 'POST', '/requests.xml', { as: 'alice', body });
    expectError(await post('<ticket><subject>No description</subject></ticket>'), 422, /description/);
    expectError(await post('<ticket><description>   \n\t</description></ticket>'), 422, /description/);
    expectError(await post('<ticket><description nil="true"/></ticket>'), 422, /description/);
    expectError(await post(`<ticket><subject>${'s'.repeat(151)}</subject><description>x</description></ticket>`), 422, /subject.*too long/);
    expectError(await post(`<ticket><description>${'d'.repeat(65536)}</description></ticket>`), 422, /too long/);
    expectError(await post('<ticket><description>x</description><priority-id>4</priority-id></ticket>'), 422, /priority-id/);
    expectError(await post('<request><description>x</description></request>'), 422, /<ticket>/);
    expectError(await post('<ticket><description>x</description><description>y</description></ticket>'), 422);
    expectError(await post('<ticket><description><b>bold</b></description></ticket>'), 422, /text value/);
    const put = (body: string) => call(app, 'PUT', '/requests/1.xml', { as: 'alice', body });
    expectError(await put('<comment></comment>'), 422, /value/);
    expectError(await put('<comment><value> </value></comment>'), 422, /value/);
    expectError(await put('<comment><value>x</value><is-public>false</is-public></comment>'), 422, /is-public/);
    expectError(await put('<ticket><description>x</description></ticket>'), 422, /Unknown element <description> in <ticket>/);
    expectError(await put('<request><comment><value>x</value></comment></request>'), 422, /<comment> or <ticket>/);
    expectError(await put('<ticket></ticket>'), 422, /Nothing to update/);
  });

  it('accepts the longest allowed subject and description', async () => {
    const res = await call(app, 'POST', '/requests.xml', {
      as: 'alice',
      body: `<ticket><subject>${'s'.repeat(150)}</subject><description>${'d'.repeat(65535)}</description></ticket>`,
    });
    assert.equal(res.status, 201);
  });
});
