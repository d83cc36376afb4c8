// Who may download what: the content URL answers the requester of a public comment's ticket and
// staff, with every dialect's credentials, as a download (Content-Disposition: attachment, nosniff);
// an agent's internal note may carry files, never shown or served to end users; users' photos, set
// through the control API, in both dialects' user views; names set the same way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { hasV2Credentials } from '../v2/auth';
import {
  basic, call, child, createApiToken, createOAuthToken, expectError, freshApp, json, text, USERS, v2Auth, v2call, xml, type Answer, type Who,
} from './helpers';

const BYTES = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13, 0x3c]);

describe('downloads, internal notes and photos', () => {
  let app: FastifyInstance;
  let requestId: string;
  let fileUrl: string;
  before(async () => {
    app = await freshApp();
    const up = await app.inject({ method: 'POST', url: '/api/v2/uploads.json?filename=r%C3%A9sum%C3%A9%20"1".pdf', headers: { authorization: v2Auth.password('alice'), 'content-type': 'application/pdf' }, payload: BYTES });
    const token = (JSON.parse(up.body) as { upload: { token: string } }).upload.token;
    const created = await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', json: { request: { subject: 'CV', comment: { body: 'Attached', uploads: [token] } } } });
    requestId = String(json<{ request: { id: number } }>(created).request.id);
    const comments = json<{ comments: { attachments: { content_url: string }[] }[] }>(await v2call(app, 'GET', `/api/v2/requests/${requestId}/comments.json`, { auth: 'alice' }));
    fileUrl = new URL(comments.comments[0]!.attachments[0]!.content_url).pathname;
  });
  after(() => app.close());

  const download = (url: string, headers: Record<string, string>): Promise<Answer> =>
    app.inject({ method: 'GET', url, headers }).then((r) => ({ status: r.statusCode, headers: r.headers, body: r.rawPayload.toString('latin1') }));
  const as = (who: Who) => ({ authorization: basic(USERS[who].email, USERS[who].password) });

  it('the requester gets the exact bytes, as a download of its own type, never sniffed', async () => {
    const res = await download(fileUrl, as('alice'));
    assert.equal(res.status, 200);
    assert.equal(res.body, BYTES.toString('latin1'));
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-length'], String(BYTES.length));
    assert.equal(res.headers['content-disposition'], `attachment; filename="r_sum_ _1_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.pdf`);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('every dialect\'s credentials work: on behalf of her (classic agent, v2 OAuth), her API token; staff too', async () => {
    const token = await createApiToken(app);
    const oauth = await createOAuthToken(app, ['read', 'write', 'impersonate']);
    for (const headers of [
      { ...as('agent'), 'x-on-behalf-of': USERS.alice.email },
      { authorization: v2Auth.bearer(oauth), 'x-on-behalf-of': USERS.alice.email },
      { authorization: v2Auth.apiToken(USERS.alice.email, token) },
      as('agent'),
      as('admin'),
    ]) {
      const res = await download(fileUrl, headers);
      if (!hasV2Credentials(headers)) {
        assert.equal(res.status, 200, JSON.stringify(headers));
        continue;
      }
      // v2, as Zendesk: a 302 to a temporary address on the file host, another origin, that takes no credentials.
      assert.equal(res.status, 302, JSON.stringify(headers));
      const address = new URL(String(res.headers.location));
      assert.notEqual(address.host, 'localhost:80');
      const file = await download(`${address.pathname}${address.search}`, {});
      assert.equal(file.status, 200);
      assert.equal(file.body, BYTES.toString('latin1'));
      assert.equal(file.headers['content-disposition']?.toString().startsWith('attachment;'), true);
    }
  });

  it('the file host: an altered or made-up address is a 404, and says so', async () => {
    const token = await createApiToken(app);
    const res = await download(fileUrl, { authorization: v2Auth.apiToken(USERS.alice.email, token) });
    const { pathname } = new URL(String(res.headers.location));
    const [, , id, expires, signature] = pathname.split('/');
    for (const forged of [`/_files/${Number(id) + 1}/${expires}/${signature}`, `/_files/${id}/${Number(expires) + 1}/${signature}`, `/_files/${id}/${expires}/${'A'.repeat(43)}`, `/_files/${id}/${expires}/x`]) {
      const answer = await download(forged, {});
      assert.equal(answer.status, 404, forged);
      assert.match(answer.body, /unknown or has expired/);
    }
  });

  it('another customer, and anyone acting for them, gets the same 404 as for no file; no credentials a 401', async () => {
    const missing = await download('/attachments/999999', as('bob'));
    expectError(missing, 404);
    for (const headers of [as('bob'), { ...as('agent'), 'x-on-behalf-of': USERS.bob.email }]) {
      const res = await download(fileUrl, headers);
      expectError(res, 404);
      assert.equal(res.body, missing.body);
    }
    expectError(await download(fileUrl, {}), 401);
  });

  it('an internal note may carry a file: in the agent\'s views, never in an end user\'s, never served to them', async () => {
    const agentUpload = await call(app, 'POST', '/uploads.xml?filename=internal-only.txt', { as: 'agent', body: 'agents only', contentType: 'text/plain' });
    const token = text(xml(agentUpload), 'token');
    const noteId = text(child(xml(agentUpload), 'attachment'), 'id');
    const note = await call(app, 'PUT', `/tickets/${requestId}.xml`, { as: 'agent', body: `<comment><is-public>false</is-public><value>Check this</value><uploads>${token}</uploads></comment>` });
    assert.equal(note.status, 200, note.body);
    const v2Upload = await app.inject({ method: 'POST', url: '/api/v2/uploads.json?filename=v2-internal.txt', headers: as('agent'), payload: 'also agents only' });
    const v2Token = (JSON.parse(v2Upload.body) as { upload: { token: string } }).upload.token;
    const v2Note = await v2call(app, 'PUT', `/api/v2/tickets/${requestId}.json`, { auth: 'agent', json: { ticket: { comment: { body: 'And this', public: false, uploads: [v2Token] } } } });
    assert.equal(v2Note.status, 200, v2Note.body);

    const agentComments = json<{ comments: { public: boolean; attachments: { file_name: string }[] }[] }>(await v2call(app, 'GET', `/api/v2/tickets/${requestId}/comments.json`, { auth: 'agent' }));
    assert.deepEqual(agentComments.comments.filter((c) => !c.public).map((c) => c.attachments.map((a) => a.file_name)), [['internal-only.txt'], ['v2-internal.txt']]);
    for (const view of [
      await call(app, 'GET', `/requests/${requestId}.xml`, { as: 'alice' }),
      await call(app, 'GET', '/requests.xml', { as: 'alice' }),
      await v2call(app, 'GET', `/api/v2/requests/${requestId}/comments.json`, { auth: 'alice' }),
      await v2call(app, 'GET', `/api/v2/requests/${requestId}.json?include=users`, { auth: 'alice' }),
    ]) {
      assert.doesNotMatch(view.body, /internal-only|v2-internal|Check this|And this/);
    }
    expectError(await download(`/attachments/${noteId}`, as('alice')), 404);
    assert.equal((await download(`/attachments/${noteId}`, as('agent'))).status, 200);
  });

  it('an upload not attached yet is its uploader\'s (and staff\'s) alone', async () => {
    const up = await app.inject({ method: 'POST', url: '/api/v2/uploads.json?filename=draft.txt', headers: as('bob'), payload: 'draft' });
    const id = (JSON.parse(up.body) as { upload: { attachment: { id: number } } }).upload.attachment.id;
    assert.equal((await download(`/attachments/${id}`, as('bob'))).status, 200);
    expectError(await download(`/attachments/${id}`, as('alice')), 404);
  });

  it('photos: set by the admin (images only), shown on users in both dialects, downloadable by anyone signed in; removed again', async () => {
    const control = (method: 'PUT' | 'DELETE' | 'PATCH', url: string, payload?: string | Buffer | object, headers: Record<string, string> = {}) =>
      app.inject({ method, url: `/_sandbox${url}`, headers: { ...as('admin'), ...headers }, ...(payload === undefined ? {} : { payload }) });
    const png = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
    assert.equal((await control('PUT', '/users/2/photo?filename=ada.txt', 'text', { 'content-type': 'text/plain' })).statusCode, 422);
    assert.equal((await app.inject({ method: 'PUT', url: '/_sandbox/users/2/photo?filename=ada.png', headers: { ...as('agent'), 'content-type': 'image/png' }, payload: png })).statusCode, 403);
    const set = await control('PUT', '/users/2/photo?filename=ada.png', png, { 'content-type': 'image/png' });
    assert.equal(set.statusCode, 200, set.body);
    const photoUrl = (JSON.parse(set.body) as { user: { photo: { content_url: string } } }).user.photo.content_url;

    await call(app, 'PUT', `/tickets/${requestId}.xml`, { as: 'agent', body: '<comment><is-public>true</is-public><value>Hi, Ada here</value></comment>' });
    const v2Users = json<{ users: { id: number; photo: { content_url: string; content_type: string } | null }[] }>(await v2call(app, 'GET', `/api/v2/requests/${requestId}/comments.json`, { auth: 'alice' })).users;
    assert.deepEqual(v2Users.map((u) => [u.id, u.photo?.content_type ?? null]), [[2, 'image/png'], [3, null]]);
    const classicUsers = child(xml(await call(app, 'GET', `/requests/${requestId}.xml`, { as: 'alice' })), 'users').children;
    assert.deepEqual(classicUsers.map((u) => [text(u, 'id'), child(u, 'photo').nil ? null : text(child(u, 'photo'), 'file-name')]), [['2', 'ada.png'], ['3', null]]);

    const picture = await download(new URL(photoUrl).pathname, as('bob'));
    assert.deepEqual([picture.status, picture.headers['content-type'], picture.body], [200, 'image/png', png.toString('latin1')]);
    assert.equal((await control('DELETE', '/users/2/photo')).statusCode, 204);
    expectError(await download(new URL(photoUrl).pathname, as('bob')), 404);
    assert.equal(json<{ user: { photo: unknown } }>(await v2call(app, 'GET', '/api/v2/users/2.json', { auth: 'admin' })).user.photo, null);
  });

  it('a user\'s name, set through the control API, is what both dialects show', async () => {
    const renamed = await app.inject({ method: 'PATCH', url: '/_sandbox/users/2', headers: as('admin'), payload: { name: 'Ada Lovelace' } });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(json<{ user: { name: string } }>(await v2call(app, 'GET', '/api/v2/users/2.json', { auth: 'admin' })).user.name, 'Ada Lovelace');
    assert.ok(child(xml(await call(app, 'GET', `/requests/${requestId}.xml`, { as: 'alice' })), 'users').children.some((u) => text(u, 'name') === 'Ada Lovelace'));
    assert.equal((await app.inject({ method: 'PATCH', url: '/_sandbox/users/2', headers: as('admin'), payload: { name: ' ' } })).statusCode, 400);
    assert.equal((await app.inject({ method: 'PATCH', url: '/_sandbox/users/99', headers: as('admin'), payload: { name: 'x' } })).statusCode, 404);
  });
});
