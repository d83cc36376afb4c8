// Uploads in both dialects: the answers' shapes, the limits (size decided from Content-Length before
// reading, and counted while streaming a chunked body; executables refused), tokens (the
// uploader's, attached once, expiring), files on comments in every view, and where the bytes live
// (on disk next to the database, never in a row; gone with their ticket).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildSandbox } from '../app';
import { basic, call, child, expectError, expectV2Error, freshApp, json, text, USERS, v2call, xml, type Answer } from './helpers';

type V2Attachment = Record<string, unknown> & { id: number; file_name: string; content_url: string; content_type: string; size: number };
type V2Upload = { upload: { token: string; expires_at: string; attachment: V2Attachment; attachments: V2Attachment[] } };

const upload = (app: FastifyInstance, name: string, body: string | Buffer, opts: { who?: keyof typeof USERS; type?: string; query?: string } = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/v2/uploads.json?filename=${encodeURIComponent(name)}${opts.query ?? ''}`,
    headers: { authorization: basic(USERS[opts.who ?? 'alice'].email, USERS[opts.who ?? 'alice'].password), ...(opts.type ? { 'content-type': opts.type } : {}) },
    payload: body,
  });
const uploaded = async (app: FastifyInstance, name: string, body: string | Buffer, opts: Parameters<typeof upload>[3] = {}) => {
  const res = await upload(app, name, body, opts);
  assert.equal(res.statusCode, 201, res.body);
  return (JSON.parse(res.body) as V2Upload).upload;
};
const asAnswer = (res: { statusCode: number; headers: Answer['headers']; body: string }): Answer => ({ status: res.statusCode, headers: res.headers, body: res.body });

describe('uploads: answers and limits', () => {
  let app: FastifyInstance;
  before(async () => (app = await buildSandbox({ dbPath: ':memory:', demo: true, maxUploadBytes: 64 * 1024 })));
  after(() => app.close());

  it('v2 Upload Files: 201 {"upload": {token, expires_at, attachment, attachments}} with the reference\'s Attachment fields', async () => {
    const res = await upload(app, 'crash.log', 'line one\n', { type: 'text/plain; charset=utf-8' });
    assert.equal(res.statusCode, 201, res.body);
    const { upload: u } = JSON.parse(res.body) as V2Upload;
    assert.match(u.token, /^[A-Za-z0-9_-]{16,}$/);
    const expires = Date.parse(u.expires_at) - Date.now();
    assert.ok(expires > 59 * 60_000 && expires <= 60 * 60_000 + 1000, 'valid for 60 minutes');
    assert.deepEqual(Object.keys(u.attachment), ['id', 'file_name', 'content_url', 'mapped_content_url', 'content_type', 'size', 'width', 'height', 'inline', 'deleted', 'thumbnails']);
    assert.deepEqual([u.attachment.file_name, u.attachment.content_type, u.attachment.size], ['crash.log', 'text/plain', 9]);
    assert.equal(u.attachment.content_url, `http://localhost:80/attachments/${u.attachment.id}?name=crash.log`);
    assert.deepEqual(u.attachments, [u.attachment]);
  });

  it('token= adds a file to the same upload; "binary" types are guessed from the name', async () => {
    const first = await uploaded(app, 'a.png', Buffer.from([137, 80, 78, 71]), { type: 'application/binary' });
    const second = await uploaded(app, 'b.pdf', '%PDF-1.4', { query: `&token=${first.token}` });
    assert.equal(second.token, first.token);
    assert.deepEqual(second.attachments.map((a) => [a.file_name, a.content_type]), [['a.png', 'image/png'], ['b.pdf', 'application/pdf']]);
    expectV2Error(asAnswer(await upload(app, 'c.txt', 'x', { who: 'bob', query: `&token=${first.token}` })), 422, 'RecordInvalid');
  });

  it('classic POST /uploads.xml: <upload> with token, expires-at, attachment and attachments', async () => {
    const res = await call(app, 'POST', '/uploads.xml?filename=notes.txt', { as: 'alice', body: 'hello', contentType: 'text/plain' });
    assert.equal(res.status, 201, res.body);
    const u = xml(res);
    assert.deepEqual(u.children.map((c) => c.name), ['token', 'expires-at', 'attachment', 'attachments']);
    assert.deepEqual(child(u, 'attachment').children.map((c) => c.name), ['id', 'file-name', 'content-type', 'size', 'content-url']);
    assert.deepEqual([text(child(u, 'attachment'), 'file-name'), text(child(u, 'attachment'), 'size')], ['notes.txt', '5']);
    assert.equal(child(u, 'attachments').attrs['type'], 'array');
  });

  it('refuses executables by name (422, naming why), names with paths, and no name at all (400)', async () => {
    for (const name of ['setup.exe', 'RUN.BAT', 'x.ps1', 'app.js', 'tool.jar', 'evil.exe.', 'a.msi', 'lib.dll', 'pkg.apk', 'go.sh', 'x.vbs', 'x.scr', 'x.cmd', 'x.com']) {
      const refused = expectV2Error(asAnswer(await upload(app, name, 'MZ')), 422, 'RecordInvalid');
      assert.match(JSON.stringify(refused['details']), /Executable files cannot be uploaded/, name);
    }
    expectError(await call(app, 'POST', '/uploads.xml?filename=setup.exe', { as: 'alice', body: 'MZ' }), 422, /Executable files cannot be uploaded \(\.exe\)/);
    expectV2Error(asAnswer(await upload(app, '../etc/passwd', 'x')), 422, 'RecordInvalid');
    expectV2Error(asAnswer(await app.inject({ method: 'POST', url: '/api/v2/uploads.json', headers: { authorization: basic(USERS.alice.email, USERS.alice.password) }, payload: 'x' })), 400, 'BadRequest', /filename is required/);
    assert.equal((await upload(app, 'setup.exe.txt', 'fine')).statusCode, 201);
  });

  it('the size limit: exactly the limit is taken; one byte more is a 413 decided from Content-Length', async () => {
    assert.equal((await upload(app, 'exact.bin', Buffer.alloc(64 * 1024))).statusCode, 201);
    const over = asAnswer(await upload(app, 'over.bin', Buffer.alloc(64 * 1024 + 1)));
    expectV2Error(over, 413, 'RequestTooLarge', /at most 65536 bytes/);
    assert.equal(over.headers['connection'], 'close');
    expectError(await call(app, 'POST', '/uploads.xml?filename=over.bin', { as: 'alice', body: Buffer.alloc(64 * 1024 + 1) }), 413, /too large/);
  });

  it('a Content-Length over the limit is refused before any byte is read (the body never ends here)', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ port, method: 'POST', path: '/api/v2/uploads.json?filename=big.bin', headers: { authorization: basic(USERS.alice.email, USERS.alice.password), 'content-length': String(10 * 1024 * 1024) } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write(Buffer.alloc(1024)); // and nothing more: a server that waited for the body would never answer
    });
    assert.equal(status, 413);
  });

  it('a chunked body is counted while streaming: refused once it passes the limit, nothing kept', async () => {
    const { port } = app.server.address() as AddressInfo;
    const before = readdirSync(filesDir(app)).length;
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ port, method: 'POST', path: '/uploads.xml?filename=stream.bin', headers: { authorization: basic(USERS.alice.email, USERS.alice.password), 'transfer-encoding': 'chunked' } });
      req.on('response', (res) => {
        let answer = '';
        res.on('data', (d: Buffer) => (answer += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: answer }));
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(8 * 1024));
      req.end();
    });
    assert.equal(status, 413, body);
    assert.match(body, /too large/);
    assert.equal(readdirSync(filesDir(app)).length, before, 'no file, no .part left behind');
  });
});

/** The folder the sandbox keeps files in (store/files.ts). */
function filesDir(app: FastifyInstance): string {
  return (app as unknown as { sandboxFilesDir?: string }).sandboxFilesDir ?? assert.fail('the sandbox does not expose its files folder');
}

describe('tokens and files on comments', () => {
  let app: FastifyInstance;
  before(async () => (app = await freshApp()));
  after(() => app.close());

  it('classic <uploads> on a new request and a reply; v2 comment.uploads; every view lists the files', async () => {
    const a = await uploaded(app, 'one.txt', 'one');
    const b = await uploaded(app, 'two.txt', 'two');
    const created = await call(app, 'POST', '/requests.xml', { as: 'alice', body: `<ticket><subject>Files</subject><description>Two</description><uploads>${a.token} ${b.token}</uploads></ticket>` });
    assert.equal(created.status, 201, created.body);
    const id = text(xml(created), 'nice-id');
    const c = await uploaded(app, 'three.txt', 'three');
    const reply = await v2call(app, 'PUT', `/api/v2/requests/${id}.json`, { auth: 'alice', json: { request: { comment: { body: 'One more', uploads: [c.token] } } } });
    assert.equal(reply.status, 200, reply.body);

    const classicFiles = child(xml(await call(app, 'GET', `/requests/${id}.xml`, { as: 'alice' })), 'comments').children.map((cm) =>
      cm.children.find((e) => e.name === 'attachments')?.children.map((f) => text(f, 'file-name')) ?? [],
    );
    assert.deepEqual(classicFiles, [['one.txt', 'two.txt'], ['three.txt']]);
    const v2Files = json<{ comments: { attachments: V2Attachment[] }[] }>(await v2call(app, 'GET', `/api/v2/requests/${id}/comments.json`, { auth: 'alice' })).comments.map((cm) =>
      cm.attachments.map((f) => f.file_name),
    );
    assert.deepEqual(v2Files, [['one.txt', 'two.txt'], ['three.txt']]);
    const agentView = json<{ comments: { attachments: V2Attachment[] }[] }>(await v2call(app, 'GET', `/api/v2/tickets/${id}/comments.json`, { auth: 'agent' }));
    assert.deepEqual(agentView.comments.map((cm) => cm.attachments.length), [2, 1]);
    assert.match((await call(app, 'GET', `/tickets/${id}.xml`, { as: 'agent' })).body, /<file-name>three\.txt<\/file-name>/);
  });

  it('a token attaches once (a retried send is a 422 and saves nothing); only its uploader may attach it', async () => {
    const token = (await uploaded(app, 'once.txt', 'once')).token;
    const id = text(xml(await call(app, 'POST', '/requests.xml', { as: 'alice', body: `<ticket><description>x</description><uploads>${token}</uploads></ticket>` })), 'nice-id');
    const before = child(xml(await call(app, 'GET', `/requests/${id}.xml`, { as: 'alice' })), 'comments').children.length;
    expectError(await call(app, 'PUT', `/requests/${id}.xml`, { as: 'alice', body: `<comment><value>again</value><uploads>${token}</uploads></comment>` }), 422, /already attached/);
    const again = expectV2Error(await v2call(app, 'PUT', `/api/v2/requests/${id}.json`, { auth: 'alice', json: { request: { comment: { body: 'again', uploads: [token] } } } }), 422, 'RecordInvalid');
    assert.match(JSON.stringify(again['details']), /"uploads".*already attached/);
    assert.equal(child(xml(await call(app, 'GET', `/requests/${id}.xml`, { as: 'alice' })), 'comments').children.length, before, 'no comment was added');

    const alices = (await uploaded(app, 'hers.txt', 'hers')).token;
    expectError(await call(app, 'POST', '/requests.xml', { as: 'bob', body: `<ticket><description>x</description><uploads>${alices}</uploads></ticket>` }), 422, /unknown \(or not one of your uploads\)/);
    expectError(await call(app, 'POST', '/requests.xml', { as: 'alice', body: '<ticket><description>x</description><uploads>no-such-token</uploads></ticket>' }), 422, /unknown/);
    expectError(await call(app, 'POST', '/requests.xml', { as: 'alice', body: '<ticket><description>x</description><uploads>bad;token</uploads></ticket>' }), 422, /not an upload token/);
    expectV2Error(await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', json: { request: { subject: 's', comment: { body: 'x', uploads: 'abc' } } } }), 422, 'RecordInvalid');
  });
});

describe('where the bytes live', () => {
  it('on disk in a folder next to the SQLite file, not in a row; an expired token is refused; the files go with their ticket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-files-'));
    const dbPath = join(dir, 'help.db');
    const app = await buildSandbox({ dbPath, demo: true });
    try {
      const folder = join(dir, 'help-files');
      const demoFiles = readdirSync(folder).length;
      const u = await uploaded(app, 'kept.bin', Buffer.alloc(5_000, 7));
      assert.equal(readdirSync(folder).length, demoFiles + 1);
      const db = new Database(dbPath);
      const row = db.prepare('SELECT * FROM attachments WHERE id = ?').get(u.attachment.id) as Record<string, unknown>;
      assert.deepEqual(Object.keys(row), ['id', 'upload_token', 'comment_id', 'uploader_id', 'file_name', 'content_type', 'size', 'file_key', 'created_at']);
      assert.ok(existsSync(join(folder, String(row['file_key']))));

      const id = text(xml(await call(app, 'POST', '/requests.xml', { as: 'alice', body: `<ticket><description>x</description><uploads>${u.token}</uploads></ticket>` })), 'nice-id');
      const late = await uploaded(app, 'late.txt', 'late');
      db.prepare('UPDATE uploads SET expires_at = 0 WHERE token = ?').run(late.token);
      expectError(await call(app, 'PUT', `/requests/${id}.xml`, { as: 'alice', body: `<comment><value>late</value><uploads>${late.token}</uploads></comment>` }), 422, /expired/);
      await uploaded(app, 'sweeps.txt', 'the next upload sweeps expired ones');
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM attachments WHERE id = ?').get(late.attachment.id) as { n: number }).n, 0);
      db.close();

      assert.equal((await call(app, 'DELETE', `/tickets/${id}.xml`, { as: 'agent' })).status, 200);
      assert.ok(!existsSync(join(folder, String(row['file_key']))), 'the ticket\'s file is gone from disk');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a :memory: database keeps its files in a temporary folder, removed on close', async () => {
    const app = await freshApp();
    const folder = filesDir(app);
    const demoFiles = readdirSync(folder).length;
    await uploaded(app, 'temp.txt', 'temp');
    assert.equal(readdirSync(folder).length, demoFiles + 1);
    await app.close();
    assert.ok(!existsSync(folder));
  });
});
