import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, afterEach, before, describe, mock, test } from 'node:test';
import { captureLogs } from '../../platform/log';
import { createClassicHelpdesk } from '../classic';
import { parseRequestXml } from '../classic/xml';
import { HelpdeskBadResponseError, HelpdeskNotFoundError, HelpdeskTimeoutError, HelpdeskUnavailableError, HelpdeskValidationError } from '../errors';
import type { Caller } from '../types';
import { createV2Helpdesk } from '../v2';
import { helpdeskPathOf } from '../transport';
import { parseCommentsJson } from '../v2/json';
import { failure, FakeHelpdesk, xmlReply } from './fake-helpdesk';
import { bytesOf, fileOf, random, sha } from './streams';

/**
 * Files against a fake help desk, in the shapes of the references (Zendesk's Ticket Attachments
 * and Requests, the sandbox's documented classic extension): what an upload sends (the file as the
 * body, streamed, with its length, never retried), what the parsers keep of an attachment (never
 * its address), and where a download may go (only the help desk's own origin).
 */

const helpdesk = new FakeHelpdesk();
let base = '';
const caller: Caller = { credentials: { kind: 'password', email: 'ann@example.com', password: 'pw' }, requesterId: '1462' };
const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
const seen = () => helpdesk.calls.map((c) => `${c.method} ${c.url}`);

/** The reference's Attachment object, on the fake help desk's origin unless told otherwise. */
const attachment = (id: number, fileName: string, contentType: string, size: number, origin = base) => ({
  id,
  file_name: fileName,
  content_url: `${origin}/attachments/token/tok${id}/?name=${encodeURIComponent(fileName)}`,
  mapped_content_url: `${origin}/attachments/token/tok${id}/?name=${encodeURIComponent(fileName)}`,
  content_type: contentType,
  size,
  thumbnails: [],
});
const comments = (files: object[], extra: object = {}) => ({
  comments: [{ id: 1, body: 'See attached', public: true, author_id: 1461, created_at: '2024-05-01T10:00:00Z', attachments: files, ...extra }],
  users: [{ id: 1461, name: 'Sam Agent', role: 'agent', photo: null }],
});

before(async () => {
  base = await helpdesk.start({ timeoutMs: 1_500 });
  mock.method(console, 'warn', () => {});
  captureLogs([]);
});
afterEach(() => helpdesk.reset((_req, res) => res.writeHead(500).end()));
after(() => helpdesk.stop());

describe('v2 uploads (Upload Files)', () => {
  const v2 = createV2Helpdesk({ token: null });
  const answer = (file: object) => ({ upload: { token: '6bk3gql82em5nmf', expires_at: '2026-11-30T12:00:00Z', attachment: file, attachments: [file] } });

  test('the file is the body: filename in the query, its type and length as headers; the receipt has no address', async () => {
    helpdesk.reset((_req, res) => json(res, 201, answer(attachment(498483, 'crash é.log', 'text/plain', 30_000))));
    const bytes = random(30_000);
    const receipt = await v2.uploadFile(caller, fileOf('crash é.log', 'text/plain; charset=utf-8', bytes));
    assert.deepEqual(receipt, { token: '6bk3gql82em5nmf', attachment: { id: '498483', fileName: 'crash é.log', contentType: 'text/plain', size: 30_000 } });
    const [call] = helpdesk.calls;
    assert.equal(`${call?.method} ${call?.url}`, 'POST /api/v2/uploads.json?filename=crash+%C3%A9.log');
    assert.equal(call?.headers['content-type'], 'text/plain');
    assert.equal(call?.headers['content-length'], '30000');
    assert.equal(call?.headers.accept, 'application/json');
    assert.equal(sha(call?.bytes ?? Buffer.alloc(0)), sha(bytes));
    assert.ok(!JSON.stringify(receipt).includes('token/tok'), 'the content URL stays in the adapter');
  });

  test('never sent twice: a 503 fails once; an answer without a usable token is a bad response', async () => {
    helpdesk.reset((_req, res) => json(res, 503, { error: 'ServiceUnavailable' }));
    assert.ok((await failure(v2.uploadFile(caller, fileOf('a.txt', 'text/plain', random(10))))) instanceof HelpdeskUnavailableError);
    assert.equal(helpdesk.calls.length, 1);
    helpdesk.reset((_req, res) => json(res, 201, { upload: { token: 'a b', attachment: attachment(1, 'a.txt', 'text/plain', 10) } }));
    assert.ok((await failure(v2.uploadFile(caller, fileOf('a.txt', 'text/plain', random(10))))) instanceof HelpdeskBadResponseError);
  });

  test('refusals: a 413 is a file too large (a proxy\'s page says nothing, still too large); a 422 keeps its reason', async () => {
    helpdesk.reset((_req, res) => res.writeHead(413, { 'Content-Type': 'text/html' }).end('<h1>413 Request Entity Too Large</h1>'));
    const large = await failure(v2.uploadFile(caller, fileOf('big.bin', 'application/octet-stream', random(100))));
    assert.ok(large instanceof HelpdeskValidationError);
    assert.deepEqual(large.reasons, [{ field: 'file', problem: 'too_large' }]);
    helpdesk.reset((_req, res) =>
      json(res, 422, { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: 'Executable files cannot be uploaded (.exe): this type of file is refused' }] } }),
    );
    const exe = await failure(v2.uploadFile(caller, fileOf('x.exe', 'application/octet-stream', random(5))));
    assert.ok(exe instanceof HelpdeskValidationError && exe.reasons[0]?.problem === 'file_type');
  });

  test('a file that is not the size it was said to be fails as the portal\'s mistake, not as the help desk\'s', async () => {
    helpdesk.reset((_req, res) => json(res, 201, answer(attachment(1, 'a.txt', 'text/plain', 10))));
    for (const bytes of [random(12), random(8)]) {
      const error = await failure(v2.uploadFile(caller, { ...fileOf('a.txt', 'text/plain', bytes), size: 10 }));
      assert.ok(error instanceof Error && !(error instanceof HelpdeskUnavailableError) && /not FileUpload\.size bytes/.test(error.message), String(error));
    }
  });

  test('a file name the help desk could not take never leaves', async () => {
    for (const name of ['', '../etc/passwd', 'a\u0000b', 'x'.repeat(256)]) {
      assert.ok((await failure(v2.uploadFile(caller, fileOf(name, 'text/plain', random(1))))) instanceof HelpdeskValidationError, JSON.stringify(name));
    }
    assert.equal(helpdesk.calls.length, 0);
  });
});

describe('v2 files on comments, and downloads', () => {
  const v2 = createV2Helpdesk({ token: null });

  test('a comment lists its files as the customer may see them: name, type, size; the reference\'s older "name" too', () => {
    const parsed = parseCommentsJson(
      JSON.stringify(comments([attachment(7, 'invoice.pdf', 'application/pdf', 2532), { id: 8, name: 'crash.log', content_url: `${base}/x`, content_type: 'TEXT/Plain; charset=utf-8', size: 10, thumbnails: [] }])),
      caller,
    );
    assert.deepEqual(parsed[0]?.attachments, [
      { id: '7', fileName: 'invoice.pdf', contentType: 'application/pdf', size: 2532 },
      { id: '8', fileName: 'crash.log', contentType: 'text/plain', size: 10 },
    ]);
    assert.ok(!JSON.stringify(parsed).includes('token'), 'no content URL in the domain');
    assert.throws(() => parseCommentsJson(JSON.stringify(comments([{ id: 9, content_url: 'x' }])), caller), HelpdeskBadResponseError, 'a file without a name');
  });

  test('openAttachment: the comments call finds it, then the content URL on the help desk\'s origin, streamed with the caller\'s credentials', async () => {
    const bytes = random(200_000);
    helpdesk.reset((req, res) => {
      if (req.url?.includes('/comments.json')) return json(res, 200, comments([attachment(7, 'invoice.pdf', 'application/pdf', bytes.length)]));
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': String(bytes.length) }).end(Buffer.from(bytes));
    });
    const download = await v2.openAttachment(caller, '33', '7');
    assert.deepEqual(download.attachment, { id: '7', fileName: 'invoice.pdf', contentType: 'application/pdf', size: bytes.length });
    assert.equal(sha(await bytesOf(download.body)), sha(bytes));
    assert.deepEqual(seen(), ['GET /api/v2/requests/33/comments.json?include=users&per_page=100', 'GET /attachments/token/tok7/?name=invoice.pdf']);
    assert.equal(helpdesk.calls[1]?.headers.authorization, helpdesk.calls[0]?.headers.authorization);
  });

  test('not on a public comment: not found after one call; an address on another origin is never fetched', async () => {
    helpdesk.reset((_req, res) => json(res, 200, comments([attachment(7, 'a.txt', 'text/plain', 1)], { public: false })));
    assert.ok((await failure(v2.openAttachment(caller, '33', '7'))) instanceof HelpdeskNotFoundError);
    helpdesk.reset((_req, res) => json(res, 200, comments([attachment(7, 'a.txt', 'text/plain', 1, 'https://evil.example.com')])));
    assert.ok((await failure(v2.openAttachment(caller, '33', '7'))) instanceof HelpdeskBadResponseError);
    assert.equal(helpdesk.calls.length, 1, 'credentials went nowhere else');
    for (const id of ['abc', '7/../8', '']) assert.ok((await failure(v2.openAttachment(caller, '33', id))) instanceof HelpdeskNotFoundError, id);
  });

  test('an HTML page where a PDF should be is a login page (bad response); an HTML file is the file', async () => {
    helpdesk.reset((req, res) => {
      if (req.url?.includes('/comments.json')) return json(res, 200, comments([attachment(7, 'a.pdf', 'application/pdf', 5), attachment(8, 'page.html', 'text/html', 5)]));
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>x</p>');
    });
    assert.ok((await failure(v2.openAttachment(caller, '33', '7'))) instanceof HelpdeskBadResponseError);
    assert.equal((await bytesOf((await v2.openAttachment(caller, '33', '8')).body)).toString(), '<p>x</p>');
  });

  test('a download that stops sending ends with a timeout on the stream, not a hang', async () => {
    const held: ServerResponse[] = [];
    helpdesk.reset((req, res) => {
      if (req.url?.includes('/comments.json')) return json(res, 200, comments([attachment(7, 'a.bin', 'application/octet-stream', 10)]));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '10' }).write('12345');
      held.push(res);
    });
    const download = await v2.openAttachment(caller, '33', '7');
    const error = await failure(bytesOf(download.body));
    for (const res of held) res.destroy();
    assert.ok(error instanceof HelpdeskTimeoutError, String(error));
  });

  test('openPhoto: the small thumbnail of a public author\'s photo, from the comments call\'s users; nobody else\'s', async () => {
    const photo = { ...attachment(50, 'sam.png', 'image/png', 9_000), thumbnails: [attachment(51, 'sam_thumb.png', 'image/png', 900)] };
    helpdesk.reset((req, res) => {
      if (req.url?.includes('/comments.json')) return json(res, 200, { ...comments([]), users: [{ id: 1461, name: 'Sam', role: 'agent', photo }, { id: 1500, name: 'Cole', photo }] });
      res.writeHead(200, { 'Content-Type': 'image/png' }).end('thumb');
    });
    const download = await v2.openPhoto(caller, '33', '1461');
    assert.deepEqual(download.attachment, { id: '51', fileName: 'sam_thumb.png', contentType: 'image/png', size: 900 });
    assert.equal((await bytesOf(download.body)).toString(), 'thumb');
    assert.ok((await failure(v2.openPhoto(caller, '33', '1500'))) instanceof HelpdeskNotFoundError, 'sideloaded, but wrote no public comment');
  });
});

test('a file address is fetched only on the help desk\'s own origin, without credentials in it', () => {
  assert.equal(helpdeskPathOf(`${base}/attachments/5?name=a%20b.txt`), '/attachments/5?name=a%20b.txt');
  assert.equal(helpdeskPathOf('/attachments/5'), '/attachments/5');
  const { port } = new URL(base);
  for (const elsewhere of [`http://127.0.0.1:${Number(port) + 1}/attachments/5`, `https://127.0.0.1:${port}/attachments/5`, `http://x:y@127.0.0.1:${port}/attachments/5`, 'https://evil.example.com/attachments/5', 'javascript:alert(1)']) {
    assert.throws(() => helpdeskPathOf(elsewhere), HelpdeskBadResponseError, elsewhere);
  }
});

describe('classic files (the sandbox\'s extension)', () => {
  const classic = createClassicHelpdesk({ agent: null });
  const file = (id: number, name: string, url = `${base}/attachments/${id}?name=${name}`) =>
    `<attachment><id>${id}</id><file-name>${name}</file-name><content-type>text/plain</content-type><size>4</size><content-url>${url}</content-url></attachment>`;
  const ticketWith = (comments: string, users = '') =>
    `<ticket><nice-id>5</nice-id><created-at>2024-05-01T10:00:00Z</created-at><comments type="array">${comments}</comments>${users}</ticket>`;
  const comment = (author: number, files: string, extra = '') =>
    `<comment><author-id>${author}</author-id><created-at>2024-05-01T10:00:00Z</created-at><value>x</value>${extra}${files ? `<attachments type="array">${files}</attachments>` : ''}</comment>`;

  test('upload: POST /uploads.xml?filename=, the file as the body; the receipt from <upload>', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 201, `<upload><token>abc123</token><expires-at>2026-11-30T12:00:00Z</expires-at>${file(3, 'a.txt')}<attachments type="array">${file(3, 'a.txt')}</attachments></upload>`));
    const receipt = await classic.uploadFile(caller, fileOf('a.txt', 'text/plain', new TextEncoder().encode('abcd')));
    assert.deepEqual(receipt, { token: 'abc123', attachment: { id: '3', fileName: 'a.txt', contentType: 'text/plain', size: 4 } });
    assert.deepEqual([seen()[0], helpdesk.calls[0]?.body, helpdesk.calls[0]?.headers['content-type']], ['POST /uploads.xml?filename=a.txt', 'abcd', 'text/plain']);
  });

  test('files on public comments only; one file still a list; openAttachment fetches only what the request lists', async () => {
    const xml = ticketWith(comment(1462, file(3, 'mine.txt')) + comment(2, file(4, 'note.txt'), '<is-public>false</is-public>'));
    assert.deepEqual(parseRequestXml(xml, caller).comments.map((c) => c.attachments.map((a) => a.fileName)), [['mine.txt']]);
    helpdesk.reset((req, res) => (req.url?.startsWith('/requests/') ? xmlReply(res, 200, xml) : res.writeHead(200, { 'Content-Type': 'text/plain' }).end('mine')));
    assert.equal((await bytesOf((await classic.openAttachment(caller, '5', '3')).body)).toString(), 'mine');
    assert.ok((await failure(classic.openAttachment(caller, '5', '4'))) instanceof HelpdeskNotFoundError);
    assert.deepEqual(seen(), ['GET /requests/5.xml', 'GET /attachments/3?name=mine.txt', 'GET /requests/5.xml']);
  });

  test('photos: hasPhoto from <users><photo>, nil is none; openPhoto for a public author only', async () => {
    const photo = file(9, 'ada.png').replace(/^<attachment>|<\/attachment>$/g, '');
    const users = `<users type="array"><user><id>2</id><name>Ada</name><roles>2</roles><photo>${photo}</photo></user><user><id>1462</id><name>Ann</name><roles>0</roles><photo nil="true"></photo></user></users>`;
    const xml = ticketWith(comment(1462, '') + comment(2, ''), users);
    assert.deepEqual(parseRequestXml(xml, caller).comments.map((c) => c.author.hasPhoto), [false, true]);
    helpdesk.reset((req, res) => (req.url?.startsWith('/requests/') ? xmlReply(res, 200, xml) : res.writeHead(200, { 'Content-Type': 'image/png' }).end('png')));
    assert.equal((await bytesOf((await classic.openPhoto(caller, '5', '2')).body)).toString(), 'png');
    assert.ok((await failure(classic.openPhoto(caller, '5', '1462'))) instanceof HelpdeskNotFoundError);
    const elsewhere = ticketWith(comment(2, ''), users.replace(`${base}/attachments/9`, 'http://127.0.0.2:1/attachments/9'));
    helpdesk.reset((_req, res) => xmlReply(res, 200, elsewhere));
    assert.ok((await failure(classic.openPhoto(caller, '5', '2'))) instanceof HelpdeskBadResponseError);
  });
});
