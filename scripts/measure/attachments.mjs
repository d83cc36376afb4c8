#!/usr/bin/env node
// Memory while a large file goes through the portal, both ways: starts a throwaway sandbox and a
// production portal, signs a customer in, uploads a 20 MiB file through the upload route (as the
// page does with JavaScript), creates a request with it, sends the same file again through the
// new-request form without JavaScript (multipart), downloads both through the portal and compares
// their bytes, while sampling the portal's resident memory (/proc, every 10 ms). Each of the four
// journeys is measured against the memory just before it. It fails if any step fails, a download
// differs, or the memory grew by a quarter of the file or more: a file held whole would grow it by
// at least the file's size.
//
//   node scripts/measure/attachments.mjs [--dialect classic|v2] [--mib 20] [--report file.json]
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fillForm, readForm } from '../load/no-js-browser.mjs';
import { signIn } from '../load/customer-flow.mjs';
import { sandboxClient } from '../lib/sandbox-client.mjs';
import { ensureBuild, startPortal, startSandbox } from '../lib/servers.mjs';

const { values: flags } = parseArgs({ options: { dialect: { type: 'string', default: 'classic' }, mib: { type: 'string', default: '20' }, report: { type: 'string' } } });
if (!['classic', 'v2'].includes(flags.dialect)) throw new Error('--dialect must be classic or v2');
const SIZE = Number(flags.mib) * 1024 * 1024;
const started = [];
const checks = [];
const check = (name, ok, detail = '') => {
  checks.push({ name, ok, detail });
  console.log(`${ok ? '✔' : '✘'} ${name}${detail ? `: ${detail}` : ''}`);
};

/** The portal's resident memory in bytes: its process and any it started (next start may fork). */
function residentBytes(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const family = [rootPid];
  for (let i = 0; i < family.length; i++) for (const [pid, parent] of parents) if (parent === family[i]) family.push(pid);
  let total = 0;
  for (const pid of family) {
    try {
      total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Samples the portal's memory until stopped; `peak()` is the highest seen. */
function sampler(pid) {
  let peak = 0;
  const take = () => (peak = Math.max(peak, residentBytes(pid)));
  take();
  const timer = setInterval(take, 10);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

async function main() {
  ensureBuild();
  const sandbox = await startSandbox();
  started.push(sandbox);
  const portal = await startPortal({ helpdeskUrl: sandbox.url, env: { LOG_LEVEL: 'warn', ...(flags.dialect === 'v2' ? { HELPDESK_API: 'v2', HELPDESK_FILE_ORIGINS: new URL(sandbox.url).origin.replace('127.0.0.1', 'localhost') } : {}) } });
  started.push(portal);
  const base = portal.url;
  const api = sandboxClient(sandbox.url);
  const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const user = await api.createEndUser({ name: `Memory ${unique}`, email: `memory-${unique}@example.com`, password: `pw-${unique}-secret` });
  const jar = await signIn(base, user);
  const headers = (extra = {}) => ({ cookie: jar.header(), origin: base, ...extra });

  const upload = async (bytes, name) => {
    const res = await fetch(`${base}/requests/uploads?${new URLSearchParams({ name })}`, { method: 'POST', body: bytes, headers: headers({ 'content-type': 'application/octet-stream' }) });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`the upload route answered ${res.status}: ${JSON.stringify(body)}`);
    return body.upload.seal;
  };
  /** The new-request form as the page gives it (fetched first: a page's rendering is not the file's cost). */
  const newRequestForm = async () => {
    const page = await fetch(`${base}/requests/new`, { headers: headers({ accept: 'text/html' }) });
    const form = readForm(await page.text(), 'description', `${base}/requests/new`);
    if (!form) throw new Error('no new-request form');
    return form;
  };
  /** The form posted as a browser without JavaScript posts it, with `extra` fields and files. */
  const createRequest = async (form, subject, extra, files = []) => {
    const fields = fillForm(form, { subject, description: `Made by the memory measurement ${unique}.` });
    const multipart = new FormData();
    for (const [name, value] of [...fields, ...extra]) multipart.append(name, value);
    for (const [name, bytes, type] of files) multipart.append('files', new Blob([bytes], { type }), name);
    const res = await fetch(`${base}${form.action}`, { method: 'POST', body: multipart, headers: headers(), redirect: 'manual' });
    await res.body?.cancel();
    const id = /^\/requests\/(\d+)\?created=1/.exec(res.headers.get('location') ?? '')?.[1];
    if (res.status !== 303 || !id) throw new Error(`the form answered ${res.status} to ${res.headers.get('location')}`);
    return id;
  };
  /** The download addresses of a request's files, from its page. */
  const fileLinks = async (id) => {
    const html = await (await fetch(`${base}/requests/${id}`, { headers: headers({ accept: 'text/html' }) })).text();
    return [...new Set([...html.matchAll(new RegExp(`/requests/${id}/attachments/\\d+`, 'g'))].map((m) => m[0]))];
  };
  /** A file downloaded through the portal: [address, sha256, bytes]. */
  const download = async (href) => {
    const res = await fetch(`${base}${href}`, { headers: headers() });
    if (!res.ok) throw new Error(`${href} answered ${res.status}`);
    const hash = createHash('sha256');
    let length = 0;
    for await (const chunk of res.body) {
      hash.update(chunk);
      length += chunk.length;
    }
    return [href, hash.digest('hex'), length];
  };

  // Warm-up: every route once with a small file, so loading their code is not counted as the file.
  const small = randomBytes(64 * 1024);
  const warm = await createRequest(await newRequestForm(), 'Warm-up', [['upload', await upload(small, 'warm-up.bin')]], [['warm-up-form.bin', small, 'application/octet-stream']]);
  for (const href of await fileLinks(warm)) await download(href);
  await new Promise((r) => setTimeout(r, 1_000));

  // Only the file's own journeys are measured, each against the memory just before it: the pages
  // around them (a form, a request page) are fetched outside, as they cost the same with or
  // without a file.
  const file = randomBytes(SIZE);
  const expected = sha256(file);
  const phases = {};
  let firstBaseline = null;
  const measure = async (phase, work) => {
    const idle = sampler(portal.child.pid);
    await new Promise((r) => setTimeout(r, 300));
    idle.stop();
    const before = idle.peak();
    firstBaseline ??= before;
    const during = sampler(portal.child.pid);
    try {
      return await work();
    } finally {
      during.stop();
      phases[phase] = { before, increase: during.peak() - before };
    }
  };
  const seal = await measure('upload route', () => upload(file, 'large-upload.bin'));
  const viaRoute = await createRequest(await newRequestForm(), 'A large file through the upload route', [['upload', seal]]);
  const plainForm = await newRequestForm();
  const viaForm = await measure('form without JavaScript', () => createRequest(plainForm, 'A large file through the plain form', [], [['large-form.bin', file, 'application/octet-stream']]));
  const hrefs = [...(await fileLinks(viaRoute)), ...(await fileLinks(viaForm))];
  const downloaded = [];
  for (const href of hrefs) downloaded.push(await measure(`download ${downloaded.length + 1}`, () => download(href)));

  check('both requests carry the file', downloaded.length === 2, `${downloaded.length} files`);
  for (const [href, hash, length] of downloaded) check(`${href} comes back byte for byte`, hash === expected && length === SIZE, `${length} bytes`);
  const worst = Math.max(...Object.values(phases).map((p) => p.increase));
  const limit = SIZE / 4;
  for (const [phase, { before, increase }] of Object.entries(phases)) console.log(`  ${phase}: +${mib(increase)} (from ${mib(before)})`);
  check(`the portal's memory grew by less than a quarter of the ${mib(SIZE)} file while it passed`, worst < limit, `at most +${mib(worst)} (limit ${mib(limit)}), resident ${mib(firstBaseline)} before the first`);
  return { dialect: flags.dialect, fileBytes: SIZE, residentBeforeBytes: firstBaseline, phases };
}

let figure = null;
try {
  figure = await main();
} catch (error) {
  check('the measurement ran', false, error.stack ?? String(error));
  for (const s of started) if (s.output.length) console.error(s.output.slice(-20).join('\n'));
} finally {
  for (const s of started.reverse()) await s.stop();
}
const failed = checks.filter((c) => !c.ok).length;
if (flags.report) {
  mkdirSync(path.dirname(path.resolve(flags.report)), { recursive: true });
  writeFileSync(flags.report, JSON.stringify({ passed: checks.length - failed, failed, checks, figure }, null, 2));
}
process.exit(failed > 0 || checks.length === 0 ? 1 : 0);
