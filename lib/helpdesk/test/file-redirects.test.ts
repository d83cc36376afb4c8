import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { captureLogs } from '../../platform/log';
import { basicAuth, helpdeskDownload } from '../transport';
import { v2Codec } from '../v2';
import { HelpdeskBadResponseError, HelpdeskNotFoundError } from '../errors';
import { failure, FakeHelpdesk } from './fake-helpdesk';

// Zendesk answers a content URL with a 302 to a temporary address on its file host
// (lib/helpdesk/file-redirects.ts): the portal follows it to HELPDESK_FILE_ORIGINS only, without credentials.
const helpdesk = new FakeHelpdesk();
const fileHost = new FakeHelpdesk();
const elsewhere = new FakeHelpdesk();
const auth = { Authorization: basicAuth('portal@example.com/token', 'secret-token'), 'X-On-Behalf-Of': 'ann@example.com' };
let fileOrigin = '';
let elsewhereOrigin = '';

before(async () => {
  // Two more servers, as "localhost" (another origin than the help desk's 127.0.0.1).
  // (start() points HELPDESK_URL at each server in turn: the help desk goes last.)
  fileOrigin = (await fileHost.start({ timeoutMs: 2_500 })).replace('127.0.0.1', 'localhost');
  elsewhereOrigin = (await elsewhere.start({ timeoutMs: 2_500 })).replace('127.0.0.1', 'localhost');
  await helpdesk.start({ timeoutMs: 2_500 });
  process.env.HELPDESK_FILE_ORIGINS = fileOrigin;
  captureLogs([]);
});
after(async () => Promise.all([helpdesk.stop(), fileHost.stop(), elsewhere.stop()]));

const download = () => helpdeskDownload('/attachments/token/abc/?name=a.pdf', { codec: v2Codec, auth });
const text = (body: ReadableStream<Uint8Array>) => new Response(body).text();

describe('a file redirected to its host', () => {
  test('is fetched there, with no credential of the help desk, and streamed back', async () => {
    helpdesk.reset((_req, res) => res.writeHead(302, { Location: `${fileOrigin}/files/tmp-123?sig=x` }).end());
    fileHost.reset((_req, res) => res.writeHead(200, { 'Content-Type': 'application/pdf' }).end('%PDF-1.7 bytes'));
    const { body } = await download();
    assert.equal(await text(body), '%PDF-1.7 bytes');
    assert.equal(helpdesk.calls[0]?.headers['x-on-behalf-of'], 'ann@example.com');
    assert.equal(fileHost.calls.length, 1);
    assert.equal(fileHost.calls[0]?.url, '/files/tmp-123?sig=x');
    assert.equal(fileHost.calls[0]?.headers.authorization, undefined);
    assert.equal(fileHost.calls[0]?.headers['x-on-behalf-of'], undefined);
  });

  test('anywhere not in HELPDESK_FILE_ORIGINS is refused without a call, naming the origin', async () => {
    helpdesk.reset((_req, res) => res.writeHead(302, { Location: `${elsewhereOrigin}/steal` }).end());
    elsewhere.reset((_req, res) => res.writeHead(200).end('nope'));
    const error = await failure(download());
    assert.ok(error instanceof HelpdeskBadResponseError);
    assert.match(error.message, new RegExp(`${elsewhereOrigin.replace(/[.:/]/g, '\\$&')}.*HELPDESK_FILE_ORIGINS`));
    assert.equal(elsewhere.calls.length, 0);
  });

  test('a file host that bounces onward is followed only within the list, and only a few times', async () => {
    helpdesk.reset((_req, res) => res.writeHead(302, { Location: `${fileOrigin}/hop` }).end());
    fileHost.reset((_req, res) => res.writeHead(302, { Location: `${elsewhereOrigin}/cdn` }).end());
    assert.ok((await failure(download())) instanceof HelpdeskBadResponseError);
    fileHost.reset((_req, res) => res.writeHead(302, { Location: '/hop-again' }).end());
    const error = await failure(download());
    assert.match((error as Error).message, /more than 3 times/);
  });

  test('an expired address is not found; an HTML page is not the file', async () => {
    helpdesk.reset((_req, res) => res.writeHead(302, { Location: `${fileOrigin}/expired` }).end());
    fileHost.reset((_req, res) => res.writeHead(403).end());
    assert.ok((await failure(download())) instanceof HelpdeskNotFoundError);
    fileHost.reset((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<form>sign in</form>'));
    assert.ok((await failure(download())) instanceof HelpdeskBadResponseError);
  });
});
