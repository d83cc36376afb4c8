// The sandbox's mail server and outbox: a message sent over SMTP is kept and shown, to the admin only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { buildSandbox, DEFAULT_ADMIN } from '../app';
import { DEMO_USERS } from '../demo';

const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
const ADMIN = { authorization: basic(DEFAULT_ADMIN.email, DEFAULT_ADMIN.password) };

describe('outbox', () => {
  let app: FastifyInstance;
  let port: number;
  before(async () => {
    app = await buildSandbox({ dbPath: ':memory:', demo: true, smtp: { port: 0, host: '127.0.0.1' } });
    port = (app as unknown as { sandboxSmtpPort: number }).sandboxSmtpPort;
  });
  after(() => app.close());

  async function send(to: string, text: string) {
    const mailer = nodemailer.createTransport(`smtp://127.0.0.1:${port}`);
    await mailer.sendMail({ from: 'Portal <portal@example.com>', to, subject: `For ${to}`, text, html: `<p>${text}</p>` });
    mailer.close();
  }

  it('keeps each message, newest first, with its links; ?to= picks one recipient', async () => {
    await send('alice@example.com', 'Open http://localhost:3000/login/link?token=aaa to sign in.');
    await send('bob@example.com', 'Open http://localhost:3000/login/link?token=bbb now.');
    const all = (await app.inject({ method: 'GET', url: '/_sandbox/outbox.json', headers: ADMIN })).json() as { messages: { to: string; links: string[]; subject: string }[] };
    assert.deepEqual(all.messages.map((m) => m.to), ['bob@example.com', 'alice@example.com']);
    const alice = (await app.inject({ method: 'GET', url: '/_sandbox/outbox.json?to=ALICE@example.com', headers: ADMIN })).json() as typeof all;
    assert.deepEqual(alice.messages.map((m) => [m.subject, m.links]), [['For alice@example.com', ['http://localhost:3000/login/link?token=aaa']]]);
  });

  it('the page shows the links to click, escaped', async () => {
    await send('carol@example.com', 'See http://localhost:3000/login/link?token=ccc&x=<b>');
    const page = await app.inject({ method: 'GET', url: '/_sandbox/outbox', headers: ADMIN });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
    assert.ok(page.body.includes('<a href="http://localhost:3000/login/link?token=ccc&amp;x=">'));
    assert.ok(page.body.includes('ccc&amp;x=&lt;b&gt;') && !page.body.includes('x=<b>'), 'the text escaped');
  });

  it('is the admin’s: the page asks a browser to sign in; others are refused', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/_sandbox/outbox' });
    assert.equal(anonymous.statusCode, 401);
    assert.match(anonymous.headers['www-authenticate'] as string, /^Basic realm=/);
    assert.equal((await app.inject({ method: 'GET', url: '/_sandbox/outbox.json' })).statusCode, 401);
    const alice = { authorization: basic(DEMO_USERS.alice.email, DEMO_USERS.alice.password) };
    assert.equal((await app.inject({ method: 'GET', url: '/_sandbox/outbox.json', headers: alice })).statusCode, 403);
    assert.equal((await app.inject({ method: 'GET', url: '/_sandbox/outbox', headers: alice })).statusCode, 403);
  });

  it('DELETE empties it', async () => {
    assert.equal((await app.inject({ method: 'DELETE', url: '/_sandbox/outbox', headers: ADMIN })).statusCode, 204);
    assert.deepEqual((await app.inject({ method: 'GET', url: '/_sandbox/outbox.json', headers: ADMIN })).json(), { messages: [] });
  });
});
