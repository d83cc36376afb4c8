import assert from 'node:assert/strict';
import { after, afterEach, before, describe, mock, test } from 'node:test';
import {
  addComment,
  createRequest,
  getCurrentUser,
  getRequest,
  HelpdeskBadResponseError,
  HelpdeskNotFoundError,
  HelpdeskUnavailableError,
  HelpdeskValidationError,
  listRequests,
  type Caller,
} from '../index';
import { failure, FakeHelpdesk, xmlReply } from './fake-helpdesk';
import * as seed from './seed-examples';

const helpdesk = new FakeHelpdesk();
const caller: Caller = { auth: { kind: 'end-user', email: 'ann@example.com', password: 'pw' }, requesterId: '328' };

before(async () => {
  await helpdesk.start({ timeoutMs: 2_000 });
  mock.method(console, 'warn', () => {});
});
afterEach(() => helpdesk.reset((_req, res) => res.writeHead(500).end()));
after(() => helpdesk.stop());

describe('reads', () => {
  test('getCurrentUser: GET /users/current.xml', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<user><email>ann@example.com</email><id>328</id><name>Ann</name><roles>0</roles></user>'));
    assert.deepEqual(await getCurrentUser(caller.auth), { id: '328', name: 'Ann', email: 'ann@example.com' });
    assert.deepEqual(helpdesk.calls.map((c) => `${c.method} ${c.url}`), ['GET /users/current.xml']);
  });

  test('getRequest: GET /requests/{id}.xml, mapped to the reduced view', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, seed.agentTicketShow));
    const request = await getRequest({ ...caller, requesterId: '3' }, '303');
    assert.equal(request.title, 'My printer is not working');
    assert.deepEqual(request.comments.map((c) => c.author), ['you', 'support']);
    assert.deepEqual(helpdesk.calls.map((c) => `${c.method} ${c.url}`), ['GET /requests/303.xml']);
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
    assert.deepEqual({ n: open.requests.length, total: open.total, page: open.page }, { n: 2, total: 17, page: 2 });
    await listRequests(caller, { status: 'solved', page: 1 });
    assert.deepEqual(helpdesk.calls.map((c) => c.url), ['/requests.xml?page=2', '/requests.xml?page=1&status=solved']);
  });

  test('listRequests: a page that cannot exist is not found, without a call', async () => {
    for (const page of [0, -1, 1.5, Number.NaN, 1e9]) {
      assert.ok((await failure(listRequests(caller, { status: 'open', page }))) instanceof HelpdeskNotFoundError, String(page));
    }
    assert.equal(helpdesk.calls.length, 0);
  });
});

describe('writes', () => {
  const input = { subject: 'Printer', description: 'It is <broken> & "smoking"' };

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
    await addComment(caller, '575', 'All is good again');
    const [seen] = helpdesk.calls;
    assert.equal(`${seen?.method} ${seen?.url}`, 'PUT /requests/575.xml');
    assert.equal(seen?.body, '<comment><value>All is good again</value></comment>');
  });

  test('addComment: a 200 with a cut-off answer is a failure (the comment may not be saved), not a success', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<ticket><nice-id>575</nice-id><description>My printer is not work'));
    assert.ok((await failure(addComment(caller, '575', 'Still broken'))) instanceof HelpdeskBadResponseError);
  });

  test('addComment: refusals carry the help desk messages; bad ids never leave', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 422, seed.errorList));
    const error = await failure(addComment(caller, '575', ''));
    assert.ok(error instanceof HelpdeskValidationError);
    assert.equal(error.messages[0], "Subject can't be blank");
    assert.ok((await failure(addComment(caller, '575/../1', 'x'))) instanceof HelpdeskNotFoundError);
    assert.equal(helpdesk.calls.length, 1);
  });
});
