// The sandbox as a real server: listening on a port, restarted on the same
// database file, and started the way `npm run sandbox` starts it.
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildSandbox } from '../app';
import { DEMO_INVOICE } from '../demo';
import { parseXml } from '../xml';
import { basic } from './helpers';
import { CREATE_REQUEST } from './seed-examples';

const ROOT = resolve(__dirname, '..', '..');
const alice = basic('alice@example.com', 'alice-password');
const agent = basic('agent@example.com', 'agent-password');

/** An answer, with the origin it was asked on written as BASE: files' content URLs name it, and a restart takes another port. */
async function get(base: string, path: string, auth = alice): Promise<{ status: number; body: string }> {
  const res = await fetch(base + path, { headers: { authorization: auth } });
  return { status: res.status, body: (await res.text()).replaceAll(base, 'BASE') };
}

describe('persistence across a restart', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-restart-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every request and comment, and does not seed the demo twice', async () => {
    const dbPath = join(dir, 'nested', 'sandbox.db'); // the directory is created
    const start = async () => {
      const app = await buildSandbox({ dbPath });
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
    };
    let { app, base } = await start();
    const created = await fetch(`${base}/requests.xml`, {
      method: 'POST',
      headers: { authorization: alice, 'content-type': 'application/xml' },
      body: '<ticket><subject>Survives</subject><description>Before the restart 😀</description></ticket>',
    });
    assert.equal(created.status, 201);
    const path = created.headers.get('location')!;
    await fetch(base + path, {
      method: 'PUT',
      headers: { authorization: alice, 'content-type': 'application/xml' },
      body: '<comment><value>A comment, too</value></comment>',
    });
    const before = {
      request: await get(base, path),
      open: await get(base, '/requests.xml'),
      solved: await get(base, '/requests.xml?status=solved'),
      agentView: await get(base, `/tickets/${path.split('/')[2]}`, agent),
      all: await get(base, '/rules/1.xml', agent),
    };
    await app.close();

    ({ app, base } = await start());
    try {
      assert.deepEqual(
        {
          request: await get(base, path),
          open: await get(base, '/requests.xml'),
          solved: await get(base, '/requests.xml?status=solved'),
          agentView: await get(base, `/tickets/${path.split('/')[2]}`, agent),
          all: await get(base, '/rules/1.xml', agent),
        },
        before,
      );
      assert.ok(before.request.body.includes('A comment, too'));
      // The demo invoice's file (on disk next to the database) is served after the restart too.
      assert.match(before.solved.body, /<content-url>BASE\/attachments\/1\?name=invoice-2026-03\.pdf<\/content-url>/);
      const invoice = await fetch(`${base}/attachments/1`, { headers: { authorization: alice } });
      assert.deepEqual([invoice.status, Buffer.from(await invoice.arrayBuffer()).toString()], [200, Buffer.from(DEMO_INVOICE.bytes).toString()]);
    } finally {
      await app.close();
    }
  });
});

/** Starts sandbox/server.ts as `npm run sandbox` does and waits for its banner. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, SANDBOX_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 20 s:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolvePromise({ child, base: m[1], output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolvePromise) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolvePromise(code));
    child.kill(signal);
  });
}

// npm test installs curl where it is missing (scripts/lib/provision.mjs); without it this test fails
// saying so rather than being skipped, so a run on a bare machine cannot pass with it left out.
const hasCurl = spawnSync('curl', ['--version']).status === 0;

describe('sandbox/server.ts', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-server-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the seed\'s curl example creates a request; SIGTERM closes cleanly; a restart keeps it', async () => {
    assert.ok(hasCurl, 'curl is not installed: `sudo apt-get install -y curl` (npm test\'s provision stage does this)');
    const env = { SANDBOX_DB: join(dir, 'sandbox.db') };
    let server = await startServer(env);
    assert.match(server.output(), /alice@example\.com \/ alice-password/);
    assert.match(server.output(), /admin@example\.com \/ admin-password/);
    // The seed's example, as documented, pointed at the sandbox.
    const { stdout } = await promisify(execFile)('curl', [
      '-sS', '-i', '-u', 'alice@example.com:alice-password', '-H', 'Content-Type: application/xml',
      '-d', CREATE_REQUEST, '-X', 'POST', `${server.base}/requests`,
    ]);
    const [head = '', body = ''] = stdout.split(/\r\n\r\n/);
    assert.match(head, /^HTTP\/1\.1 201/);
    const location = /^location: (\S+)$/im.exec(head)?.[1];
    assert.match(location ?? '', /^\/requests\/\d+\.xml$/);
    assert.equal(parseXml(body).children.find((c) => c.name === 'subject')?.text, 'Hello');
    assert.equal(await stop(server.child, 'SIGTERM'), 0);

    server = await startServer(env);
    try {
      const again = await get(server.base, location!);
      assert.equal(again.status, 200);
      assert.equal(again.body, body);
    } finally {
      assert.equal(await stop(server.child, 'SIGINT'), 0);
    }
  });

  it('refuses to start on an invalid variable, naming it', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, SANDBOX_PORT: 'eighty', SANDBOX_DB: ':memory:' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(res.status, 1);
    assert.match(res.stderr, /SANDBOX_PORT/);
  });
});
