// A published Zendesk client, node-zendesk 6, driven against the sandbox's v2
// dialect over real HTTP: if the library can list, show, create and comment as
// an end user, the sandbox speaks the help desk's v2 closely enough for clients
// written against the real thing.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createClient } from 'node-zendesk';
import { createApiToken, createOAuthToken, freshApp, v2call } from './helpers';

interface ZdRequest {
  id: number;
  subject: string;
  description: string;
  status: string;
  requester_id: number;
}
interface ZdComment {
  body: string;
  author_id: number;
  public: boolean;
}

describe('node-zendesk against the sandbox', () => {
  let app: FastifyInstance;
  let endpointUri: string;
  let apiToken: string;

  before(async () => {
    app = await freshApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    endpointUri = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v2`;
    apiToken = await createApiToken(app);
  });
  after(() => app.close());

  const asAlice = () => createClient({ username: 'alice@example.com', token: apiToken, endpointUri });

  it('lists, shows, creates and comments as an end user with an API token', async () => {
    const client = asAlice();
    const listed = (await client.requests.list()) as ZdRequest[];
    assert.deepEqual(listed.map((r) => r.id), [1, 2, 3, 4, 5]);

    const shown = (await client.requests.show(4)) as unknown as { result: ZdRequest };
    assert.equal(shown.result.subject, 'Printer on the 3rd floor keeps jamming');

    const created = (await client.requests.create({ request: { subject: 'From node-zendesk', comment: { body: 'Sent by the library' } } })) as unknown as {
      response: { status: number };
      result: ZdRequest;
    };
    assert.equal(created.response.status, 201);
    assert.equal(created.result.description, 'Sent by the library');
    assert.equal(created.result.requester_id, 3);

    const updated = (await client.requests.update(created.result.id, { request: { comment: { body: 'A reply from the library' } } })) as unknown as { result: ZdRequest };
    assert.equal(updated.result.id, created.result.id);

    // The library's Requests client unwraps only "requests"/"request", so each
    // (cursor-paged) comments answer comes back whole.
    const pages = (await client.requests.listComments(created.result.id)) as { comments: ZdComment[]; meta: { has_more: boolean } }[];
    assert.equal(pages.at(-1)?.meta.has_more, false);
    const comments = pages.flatMap((p) => p.comments);
    assert.deepEqual(comments.map((c) => [c.body, c.author_id, c.public]), [
      ['Sent by the library', 3, true],
      ['A reply from the library', 3, true],
    ]);
  });

  it('follows next_page through more than one page (101 requests)', async () => {
    const client = createClient({ username: 'bob@example.com', token: apiToken, endpointUri });
    for (let i = 0; i < 100; i++) {
      const res = await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'bob', json: { request: { subject: `Bulk ${i}`, comment: { body: 'x' } } } });
      assert.equal(res.status, 201);
    }
    const listed = (await client.requests.list()) as ZdRequest[];
    assert.equal(listed.length, 101);
    assert.equal(new Set(listed.map((r) => r.id)).size, 101);
  });

  it('impersonates an end user with an OAuth token (asUser sends X-On-Behalf-Of)', async () => {
    const token = await createOAuthToken(app, ['read', 'write', 'impersonate']);
    const client = createClient({ token, oauth: true, asUser: 'alice@example.com', endpointUri });
    const me = (await client.users.me()) as unknown as { result: { email: string } };
    assert.equal(me.result.email, 'alice@example.com');
    const listed = (await client.requests.list()) as ZdRequest[];
    assert.equal(listed.every((r) => r.requester_id === 3), true);
  });

  it('uploads a file with the library\'s attachments.upload (a stream, sent as application/binary) and creates a request with it', async () => {
    const client = asAlice();
    const bytes = Buffer.from('%PDF-1.4 from node-zendesk\n');
    // node-zendesk reads a path unless it is given a stream; a stream goes out chunked.
    const uploaded = (await client.attachments.upload(Readable.from([bytes]) as unknown as Buffer, { filename: 'from library.pdf', binary: true })) as {
      upload: { token: string; attachment: { id: number; file_name: string; content_type: string; size: number } };
    };
    assert.deepEqual(
      [uploaded.upload.attachment.file_name, uploaded.upload.attachment.content_type, uploaded.upload.attachment.size],
      ['from library.pdf', 'application/pdf', bytes.length],
    );
    const created = (await client.requests.create({ request: { subject: 'With a file', comment: { body: 'Attached', uploads: [uploaded.upload.token] } } })) as unknown as {
      result: ZdRequest;
    };
    const pages = (await client.requests.listComments(created.result.id)) as { comments: (ZdComment & { attachments: { id: number; file_name: string }[] })[] }[];
    const files = pages.flatMap((p) => p.comments).flatMap((c) => c.attachments);
    assert.deepEqual(files.map((f) => [f.id, f.file_name]), [[uploaded.upload.attachment.id, 'from library.pdf']]);
  });

  it("someone else's request is the library's 404", async () => {
    await assert.rejects(() => asAlice().requests.show(6), /Item not found/);
  });
});
