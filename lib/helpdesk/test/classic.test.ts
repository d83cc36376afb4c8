import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createClassicHelpdesk } from '../classic';
import { HelpdeskBadResponseError, HelpdeskNotFoundError, HelpdeskUnauthorizedError, HelpdeskUnavailableError, HelpdeskValidationError } from '../errors';
import type { Caller } from '../types';
import { failure, FakeHelpdesk, xmlReply, runFakeHelpdesk } from './fake-helpdesk';
import * as seed from './seed-examples';

const helpdesk = new FakeHelpdesk();
const classic = createClassicHelpdesk({ agent: null });
const { addComment, createRequest, getRequest, listRequests } = classic;
const caller: Caller = { credentials: { kind: 'password', email: 'ann@example.com', password: 'pw' }, requesterId: '328' };
const ann = { id: '328', name: 'Ann', email: 'ann@example.com' };

runFakeHelpdesk(helpdesk, 2_000);

describe('reads', () => {
  test('whoAmI: GET /users/current.xml', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<user><email>ann@example.com</email><id>328</id><name>Ann</name><roles>0</roles></user>'));
    assert.deepEqual(await classic.whoAmI(caller.credentials), ann);
    assert.deepEqual(helpdesk.calls.map((c) => `${c.method} ${c.url}`), ['GET /users/current.xml']);
  });

  test('whoAmI: <password-changed-at> (the sandbox extension) when sent, nothing when nil or absent, bad time refused', async () => {
    const user = (changed: string) => `<user><email>ann@example.com</email><id>328</id><name>Ann</name>${changed}<roles>0</roles></user>`;
    helpdesk.reset((_req, res) => xmlReply(res, 200, user('<password-changed-at>2026-11-29T12:30:05Z</password-changed-at>')));
    assert.deepEqual(await classic.whoAmI(caller.credentials), { ...ann, passwordChangedAt: '2026-11-29T12:30:05.000Z' });
    helpdesk.reset((_req, res) => xmlReply(res, 200, user('<password-changed-at nil="true"></password-changed-at>')));
    assert.deepEqual(await classic.whoAmI(caller.credentials), ann);
    helpdesk.reset((_req, res) => xmlReply(res, 200, user('<password-changed-at>yesterday-ish</password-changed-at>')));
    assert.ok((await failure(classic.whoAmI(caller.credentials))) instanceof HelpdeskBadResponseError);
    assert.equal(classic.capabilities.passwordChanges, true);
  });

  test('whoAmI: an anonymous answer (no id) is no match', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<user><id nil="true"/><name>Anonymous user</name></user>'));
    assert.ok((await failure(classic.whoAmI(caller.credentials))) instanceof HelpdeskUnauthorizedError);
  });

  test('getRequest: GET /requests/{id}.xml, mapped to the reduced view', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, seed.agentTicketShow));
    const request = await getRequest({ ...caller, requesterId: '3' }, '303');
    assert.equal(request.description, 'My printer is not working');
    assert.deepEqual(request.comments.map((c) => c.author.role), ['you', 'agent']);
    // The seed's example has field entries: with no definitions cached yet, they are read too (both
    // at once); this help desk has no such lists, so no answers are shown, and the request still is.
    assert.deepEqual(helpdesk.calls.map((c) => `${c.method} ${c.url}`).sort(), ['GET /requests/303.xml', 'GET /ticket_fields.xml', 'GET /ticket_forms.xml']);
    assert.equal(request.answers, undefined);
  });

  test('getRequest: an id that is not a number is not found, and the help desk is not asked', async () => {
    for (const id of ['abc', '', '1.xml', '../users/current', '1?x=2', '-1', ' 1', '١٢', '9'.repeat(19)]) {
      assert.ok((await failure(getRequest(caller, id))) instanceof HelpdeskNotFoundError, id);
    }
    assert.equal(helpdesk.calls.length, 0);
  });

  test('listRequests: one call per page, solved via the status parameter', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, seed.requestListWithoutCount));
    const open = await listRequests(caller, { status: 'open', page: 2 });
    assert.deepEqual({ n: open.requests.length, total: open.page.total, page: open.page.number }, { n: 2, total: 17, page: 2 });
    await listRequests(caller, { status: 'solved', page: 1 });
    assert.deepEqual(helpdesk.calls.map((c) => c.url), ['/requests.xml?page=2', '/requests.xml?page=1&status=solved']);
  });

  test('listRequests: pending, all and another order through the sandbox\'s extensions; the default list is the seed\'s own call', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<tickets type="array" count="0"></tickets>'));
    await listRequests(caller, { status: 'pending', page: 1, sort: { by: 'created', direction: 'asc' } });
    await listRequests(caller, { status: 'all', page: 3, sort: { by: 'updated', direction: 'asc' } });
    await listRequests(caller, { status: 'open', page: 1, sort: { by: 'updated', direction: 'desc' } });
    assert.deepEqual(helpdesk.calls.map((c) => c.url), [
      '/requests.xml?page=1&status=pending&sort-by=created-at&sort-order=asc',
      '/requests.xml?page=3&status=all&sort-order=asc',
      '/requests.xml?page=1',
    ]);
  });

  test('listRequests: a help desk that ignores the status extension still shows only the statuses asked for', async () => {
    const ticket = (id: number, status: number) =>
      `<ticket><nice-id>${id}</nice-id><subject>S${id}</subject><description>D</description><status-id>${status}</status-id><created-at>2026-01-01T00:00:00Z</created-at></ticket>`;
    helpdesk.reset((_req, res) => xmlReply(res, 200, `<tickets type="array" count="3">${ticket(1, 1)}${ticket(2, 2)}${ticket(3, 3)}</tickets>`));
    assert.deepEqual((await listRequests(caller, { status: 'pending', page: 1 })).requests.map((r) => r.id), ['2']);
    assert.deepEqual((await listRequests(caller, { status: 'open', page: 1 })).requests.map((r) => r.id), ['1', '2']);
    assert.deepEqual((await listRequests(caller, { status: 'all', page: 1 })).requests.map((r) => r.id), ['1', '2', '3']);
  });

  test('searchRequests: GET /requests/search.xml with the words as typed and the list\'s parameters; snippets as plain text', async () => {
    const found = (snippet: string) =>
      `<tickets type="array" count="16"><ticket><nice-id>7</nice-id><subject>Printer</subject><description>D</description><status-id>1</status-id>` +
      `<created-at>2026-01-01T00:00:00Z</created-at><updated-at>2026-01-02T00:00:00Z</updated-at>${snippet}</ticket></tickets>`;
    helpdesk.reset((_req, res) => xmlReply(res, 200, found('<snippet>…the &lt;b&gt;printer&lt;/b&gt;\n  on floor 3…</snippet>')));
    const page = await classic.searchRequests(caller, { query: 'printer "floor 3" & more', status: 'solved', page: 2, sort: { by: 'created', direction: 'desc' } });
    assert.deepEqual(helpdesk.calls.map((c) => c.url), ['/requests/search.xml?query=printer+%22floor+3%22+%26+more&page=2&status=solved&sort-by=created-at']);
    // Solved was asked for; the help desk sent an open one: left out.
    assert.deepEqual(page.requests, []);
    assert.deepEqual(page.page, { number: 2, pageCount: 2, total: 16, hasNext: false, hasPrevious: true });
    const open = await classic.searchRequests(caller, { query: 'printer', status: 'open', page: 1 });
    assert.deepEqual(open.requests.map((r) => ({ id: r.id, snippet: r.snippet })), [{ id: '7', snippet: '…the <b>printer</b> on floor 3…' }]);
    for (const none of ['<snippet nil="true"></snippet>', '<snippet>   </snippet>', '']) {
      helpdesk.reset((_req, res) => xmlReply(res, 200, found(none)));
      assert.equal((await classic.searchRequests(caller, { query: 'printer', status: 'open', page: 1 })).requests[0]?.snippet, null, none);
    }
    helpdesk.reset((_req, res) => xmlReply(res, 200, found(`<snippet>${'long '.repeat(200)}</snippet>`)));
    const long = (await classic.searchRequests(caller, { query: 'printer', status: 'open', page: 1 })).requests[0]?.snippet ?? '';
    assert.equal(Array.from(long).length, 300);
    assert.ok(long.endsWith('…'));
    assert.ok((await failure(classic.searchRequests(caller, { query: 'printer', status: 'open', page: 0 }))) instanceof HelpdeskNotFoundError);
  });

  test('listRequests: a page that cannot exist is not found, without a call', async () => {
    for (const page of [0, -1, 1.5, Number.NaN, 1e9]) {
      assert.ok((await failure(listRequests(caller, { status: 'open', page }))) instanceof HelpdeskNotFoundError, String(page));
    }
    assert.equal(helpdesk.calls.length, 0);
  });
});

describe('writes', () => {
  const input = { subject: 'Printer', description: 'It is <broken> & "smoking"', uploads: [], followUpOf: null };

  for (const [location, expected] of [
    ['/requests/123.xml', '123'],
    ['123.xml', '123'],
    ['https://helpdesk.example.com/requests/77.xml', '77'],
    ['/requests/88', '88'],
  ] as const) {
    test(`createRequest: the id from Location ${location}`, async () => {
      helpdesk.reset((_req, res) => res.writeHead(201, { Location: location }).end());
      assert.deepEqual(await createRequest(caller, input), { id: expected });
      const [seen] = helpdesk.calls;
      assert.equal(`${seen?.method} ${seen?.url}`, 'POST /requests.xml');
      assert.equal(seen?.body, '<ticket><subject>Printer</subject><description>It is &lt;broken&gt; &amp; &quot;smoking&quot;</description></ticket>');
    });
  }

  test('createRequest: the id from the body when there is no Location', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 201, '<ticket><nice-id>42</nice-id><created-at>2024-01-01T00:00:00Z</created-at></ticket>'));
    assert.deepEqual(await createRequest(caller, input), { id: '42' });
  });

  test('createRequest: no id anywhere is a bad response', async () => {
    helpdesk.reset((_req, res) => res.writeHead(201, { Location: '/requests/new' }).end());
    assert.ok((await failure(createRequest(caller, input))) instanceof HelpdeskBadResponseError);
  });

  test('createRequest: never sent twice, even on 503', async () => {
    helpdesk.reset((_req, res) => res.writeHead(503).end());
    assert.ok((await failure(createRequest(caller, input))) instanceof HelpdeskUnavailableError);
    assert.equal(helpdesk.calls.length, 1);
  });

  test('addComment: PUT /requests/{id}.xml with the comment body', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, ''));
    await addComment(caller, '575', { body: 'All is good again', uploads: [], solve: false });
    const [seen] = helpdesk.calls;
    assert.equal(`${seen?.method} ${seen?.url}`, 'PUT /requests/575.xml');
    assert.equal(seen?.body, '<comment><value>All is good again</value></comment>');
  });

  test('addComment: a 200 with a cut-off answer is a failure (the comment may not be saved), not a success', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<ticket><nice-id>575</nice-id><description>My printer is not work'));
    assert.ok((await failure(addComment(caller, '575', { body: 'Still broken', uploads: [], solve: false }))) instanceof HelpdeskBadResponseError);
  });

  test('addComment: the answer is read for the request, not its conversation (a saved reply is not failed by a comment the page could not show)', async () => {
    const comment = (body: string, at: string) => `<comment><author-id>328</author-id>${at}<value>${body}</value></comment>`;
    const answer = (comments: string) =>
      `<ticket><nice-id>575</nice-id><status-id>1</status-id><created-at>2026-11-29T10:00:00Z</created-at><comments>${comments}</comments></ticket>`;
    // A comment without created-at: the request page refuses it (parseRequestXml), the reply stands.
    helpdesk.reset((_req, res) => xmlReply(res, 200, answer(comment('Earlier', '') + comment('All is good again', '<created-at>2026-11-29T10:05:00Z</created-at>'))));
    await addComment(caller, '575', { body: 'All is good again', uploads: [], solve: false });
    // Still a whole request: a well-formed answer with no valid request in it is a failure.
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<ticket><nice-id>575</nice-id><status-id>1</status-id><comments></comments></ticket>'));
    assert.ok((await failure(addComment(caller, '575', { body: 'x', uploads: [], solve: false }))) instanceof HelpdeskBadResponseError);
  });

  test('addComment: refusals carry the help desk messages; bad ids never leave', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 422, seed.errorList));
    const error = await failure(addComment(caller, '575', { body: '', uploads: [], solve: false }));
    assert.ok(error instanceof HelpdeskValidationError);
    assert.equal(error.messages[0], "Subject can't be blank");
    assert.ok((await failure(addComment(caller, '575/../1', { body: 'x', uploads: [], solve: false }))) instanceof HelpdeskNotFoundError);
    assert.equal(helpdesk.calls.length, 1);
  });
});

describe('credentials', () => {
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

  test('end-user mode: the customer\'s own Basic credentials; the session must keep the password', async () => {
    assert.equal(classic.signInMode, 'end-user');
    assert.equal(classic.onBehalfOf('ann@example.com'), null);
    assert.equal(classic.callerFor({ requester: ann }), null);
    const stored = classic.callerFor({ requester: ann, password: 'pä:ss wörd' });
    assert.ok(stored);
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<tickets/>'));
    await listRequests(stored, { status: 'open', page: 1 });
    const [seen] = helpdesk.calls;
    assert.equal(seen?.headers.authorization, basic('ann@example.com', 'pä:ss wörd'));
    assert.equal(seen?.headers.accept, 'application/xml');
    assert.equal(seen?.headers['x-on-behalf-of'], undefined);
  });

  test('on-behalf-of mode: the agent\'s credentials plus X-On-Behalf-Of; sign-in still checks the password', async () => {
    const agentDesk = createClassicHelpdesk({ agent: { email: 'portal@example.com', password: 'agent-secret' } });
    assert.equal(agentDesk.signInMode, 'on-behalf-of');
    const stored = agentDesk.callerFor({ requester: ann });
    assert.deepEqual(stored, { requesterId: '328', credentials: { kind: 'on-behalf-of', email: 'ann@example.com' } });
    helpdesk.reset((_req, res) => res.writeHead(201, { Location: '/requests/5.xml' }).end());
    await agentDesk.createRequest(stored, { subject: 'Grüße 😀', description: 'x', uploads: [], followUpOf: null });
    const [seen] = helpdesk.calls;
    assert.equal(seen?.headers.authorization, basic('portal@example.com', 'agent-secret'));
    assert.equal(seen?.headers['x-on-behalf-of'], 'ann@example.com');
    assert.equal(seen?.headers['content-type'], 'application/xml; charset=utf-8');

    helpdesk.reset((_req, res) => xmlReply(res, 200, '<user><email>ann@example.com</email><id>328</id><name>Ann</name></user>'));
    await agentDesk.whoAmI(agentDesk.passwordCredentials('ann@example.com', 'typed'));
    assert.equal(helpdesk.calls[0]?.headers.authorization, basic('ann@example.com', 'typed'));
    assert.equal(helpdesk.calls[0]?.headers['x-on-behalf-of'], undefined);
  });
});

describe('probe', () => {
  test('an anonymous GET /users/current.xml; a 401 is alive', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 401, '<errors><error>Authentication required</error></errors>'));
    assert.deepEqual(await classic.probe(1_000), { ready: true });
    assert.deepEqual(helpdesk.calls.map((c) => [c.url, c.headers.authorization]), [['/users/current.xml', undefined]]);
  });
});
