#!/usr/bin/env node
// `npm run bench`: what a page costs the portal, next to the least any server could spend on it.
// One run starts a sandbox help desk with a realistic customer (40 requests, 3–5 comments each),
// the production portal exactly as `npm start` serves it, and a bare node:http floor
// (scripts/bench/floor.mjs) making the same help desk call; then drives My requests, a request's
// page, creating and replying at 1, 10 and 50 connections, portal and floor alternating round by
// round so that whatever else the machine does falls on both. Reports per page: answers a second,
// p50/p99, server CPU ms per view (/proc, summed over the portal's processes), resident memory,
// help desk calls per view (the sandbox's counter) and portal/floor ratios; prints a Markdown table
// and writes a JSON report. Not part of `npm test`.
//
//   npm run bench
//   npm run bench -- --views 500 --rounds 3 --connections 10 --pages list,request
//   npm run bench -- --workers 1,2        # one worker, then two (WEB_CONCURRENCY), and the ratio
//   npm run bench -- --soak 600           # 10 minutes of mixed traffic at 50 connections: memory per process (./bench/soak.mjs)
//   npm run bench -- --soak 600 --worker-heap 0,192   # the same uncapped, then capped (WORKER_HEAP_MB), one after the other
//
// Options: --views answers per measurement (200, at least 10 per connection), --rounds per cell (2), --connections (1,10,50;
// with --soak one number, 50), --pages (list,request,create,reply), --workers (WEB_CONCURRENCY values, comma-separated;
// default: as `npm start` decides), --worker-heap (WORKER_HEAP_MB values, comma-separated; default: as `npm start`
// decides), --soak SECONDS (instead of the cells: one run that long per portal start), --report FILE (bench-report.json),
// --profile DIR (CPU profiles of the portal).
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hasProc, sample } from './bench/proc-stats.mjs';
import { soak, soakFailed } from './bench/soak.mjs';
import { markdownReport } from './bench/table.mjs';
import { isHealthy, root } from './lib/processes.mjs';
import { sandboxClient } from './lib/sandbox-client.mjs';
import { ensureBuild, freePort, startPortal, startSandbox, startServer } from './lib/servers.mjs';
import { workerCount } from './lib/web-concurrency.mjs';
import { workerHeapMb } from './lib/worker-heap.mjs';
import { signIn } from './load/customer-flow.mjs';
import { encodeMultipart, fillForm, readForm } from './load/no-js-browser.mjs';

const { values: flags } = parseArgs({
  options: {
    views: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string' },
    pages: { type: 'string', default: 'list,request,create,reply' },
    workers: { type: 'string' },
    'worker-heap': { type: 'string' },
    soak: { type: 'string' },
    report: { type: 'string', default: 'bench-report.json' },
    profile: { type: 'string' },
  },
});
const whole = (value, name, max) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max} (got "${value}")`);
  return n;
};
const list = (value, name, check) => value.split(',').map((v) => check(v.trim(), name));
/** A WORKER_HEAP_MB value as serve.mjs will read it, checked by the same rule (so a bad one stops here, not in the portal). */
const heapValue = (v) => {
  workerHeapMb({ WORKER_HEAP_MB: v });
  return v;
};
const PAGES = ['list', 'request', 'create', 'reply'];
const options = {
  views: whole(flags.views, '--views', 100_000),
  rounds: whole(flags.rounds, '--rounds', 20),
  connections: list(flags.connections ?? (flags.soak === undefined ? '1,10,50' : '50'), '--connections', (v, n) => whole(v, n, 500)),
  pages: list(flags.pages, '--pages', (v) => {
    if (!PAGES.includes(v)) throw new Error(`--pages: "${v}" is not one of ${PAGES.join(', ')}`);
    return v;
  }),
  // Each value starts a portal with that many workers; without the flag, as many as `npm start` would (WEB_CONCURRENCY, or one per core).
  workers: flags.workers ? list(flags.workers, '--workers', (v, n) => whole(v, n, 64)) : [workerCount()],
  // Each value starts a portal with that heap cap (WORKER_HEAP_MB, 0 for none); without the flag, as `npm start` would.
  workerHeap: flags['worker-heap'] ? list(flags['worker-heap'], '--worker-heap', (v) => heapValue(v)) : [undefined],
  soakSeconds: flags.soak === undefined ? null : whole(flags.soak, '--soak', 86_400),
  report: flags.report,
  // A folder for V8 CPU profiles of the portal's processes (.cpuprofile, open in Chrome's DevTools), written when they stop.
  profile: flags.profile ? path.resolve(flags.profile) : null,
};
if (options.soakSeconds !== null && options.connections.length !== 1) throw new Error(`--soak runs at one number of connections (got --connections ${flags.connections})`);

/** The customer's data: 40 requests, 3 to 5 comments each (the description is the first). */
const REQUESTS = 40;
/** The request page measured has exactly this many comments, and is never replied to. */
const READ_COMMENTS = 5;

const started = [];
const spawnFloor = async (helpdeskUrl, user, cookie) => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer({
    args: [path.join(root, 'scripts', 'bench', 'floor.mjs')],
    env: { ...process.env, FLOOR_PORT: String(port), HELPDESK_URL: helpdeskUrl, FLOOR_EMAIL: user.email, FLOOR_PASSWORD: user.password, FLOOR_COOKIE: cookie },
    ready: () => isHealthy(`${url}/healthz`),
    port,
    url,
  });
  started.push(server);
  return server;
};

async function seed(sandbox) {
  const runId = randomBytes(3).toString('hex');
  const user = await sandbox.createEndUser({ name: 'Bench Customer', email: `bench-${runId}@example.com`, password: `pw-${randomBytes(9).toString('base64url')}` });
  const ids = [];
  let readId = null;
  for (let i = 1; i <= REQUESTS; i++) {
    const id = await sandbox.createRequest(user, `Request ${i}: the printer on floor ${i % 7} ${i % 2 ? 'jams' : 'prints blank pages'}`, `What happened, request ${i}.\nIt started on Monday; I tried turning it off and on.`);
    const comments = 3 + (i % 3); // 3, 4 or 5, the description included
    for (let c = 2; c <= comments; c++) await sandbox.addCommentAs(user, id, `Comment ${c} on request ${i}: still happening, here is what I saw this time.`);
    if (comments === READ_COMMENTS && readId === null) readId = id;
    else ids.push(id);
  }
  return { user, readId, replyIds: ids };
}

/**
 * One measurement: `views` answers over `connections` connections against one server. A count, not a
 * duration: every request sent is answered before the CPU time is read, so none is half counted.
 */
function drive({ url, connections, requests, views = Math.max(options.views, connections * 10) }) {
  const latencies = [];
  const statuses = {};
  // Timed to the last answer: autocannon notices that it has sent its count only on its next tick.
  const started = performance.now();
  let lastAnswer = started;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        amount: views,
        timeout: 10,
        requests,
        setupClient(client) {
          client.on('response', (status, _bytes, ms) => {
            lastAnswer = performance.now();
            latencies.push(ms);
            statuses[status] = (statuses[status] ?? 0) + 1;
          });
        },
      },
      (error, result) => (error ? reject(error) : resolve({ latencies, statuses, errors: result.errors, timeouts: result.timeouts, seconds: (lastAnswer - started) / 1000 })),
    );
  });
}

/** The autocannon requests for `page` on the portal or the floor. */
function requestsFor(page, target, setup) {
  const { cookie, readId, replyIds, portalForms, origin } = setup;
  const headers = { cookie, accept: 'text/html' };
  let next = 0;
  const marker = () => `bench-${randomBytes(6).toString('hex')}`;
  if (page === 'list') return [{ method: 'GET', path: '/requests', headers }];
  // The soak reads every seeded request in turn (setup.readIds); the cells read one, always the same.
  if (page === 'request' && setup.readIds) return [{ method: 'GET', headers, setupRequest: (req) => ({ ...req, path: `/requests/${setup.readIds[next++ % setup.readIds.length]}` }) }];
  if (page === 'request') return [{ method: 'GET', path: `/requests/${readId}`, headers }];
  // Replies go to the requests the create runs made (one comment each, one or two replies each), so
  // no conversation grows through the run and every reply costs the same; seeded ones without them.
  const replyTo = () => (setup.created.length ? setup.created[next++ % setup.created.length] : replyIds[next++ % replyIds.length]);
  const remember = (_status, _body, _context, headers) => {
    const location = String(Object.entries(headers).find(([name]) => name.toLowerCase() === 'location')?.[1] ?? '');
    const id = /^\/requests\/(\d+)\?created=1/.exec(location)?.[1];
    if (id) setup.created.push(id);
  };
  if (target === 'floor') {
    const form = (fields) => ({ headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    return [
      {
        method: 'POST',
        onResponse: page === 'create' ? remember : undefined,
        setupRequest: (req) =>
          page === 'create'
            ? { ...req, method: 'POST', path: '/requests', ...form({ subject: `Bench ${marker()}`, description: 'Made by the benchmark.' }) }
            : { ...req, method: 'POST', path: `/requests/${replyTo()}`, ...form({ body: `A reply from the benchmark. ${marker()}` }) },
      },
    ];
  }
  // The portal: post the form as a browser without JavaScript does, every field it rendered; each
  // post carries a fresh one-time token, as a fresh rendering of the form would.
  return [
    {
      method: 'POST',
      onResponse: page === 'create' ? remember : undefined,
      setupRequest(req) {
        const token = randomBytes(18).toString('base64url');
        const { form, typed, path: target } =
          page === 'create'
            ? { form: portalForms.create, typed: { subject: `Bench ${marker()}`, description: 'Made by the benchmark.' }, path: portalForms.create.action }
            : (() => {
                // The form as read from one request's page, posted where that page's form would post for this one.
                const id = replyTo();
                return { form: portalForms.reply, typed: { body: `A reply from the benchmark. ${marker()}`, requestId: id }, path: portalForms.reply.action.replace(`/${portalForms.replyFrom}/`, `/${id}/`) };
              })();
        const { body, contentType } = encodeMultipart(fillForm(form, { formToken: token, ...typed }));
        return { ...req, method: 'POST', path: target, headers: { ...headers, origin, 'content-type': contentType }, body };
      },
    },
  ];
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

/**
 * The portal as `npm start` serves it in production (scripts/serve.mjs's primary and its workers),
 * with `workers` workers and WORKER_HEAP_MB `heap` (undefined: as `npm start` decides), the
 * customer signed in, and the forms its writes post back read as a browser reads them.
 */
async function openPortal({ workers, heap }, sandboxServer, data) {
  const env = { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', ...(heap === undefined ? {} : { WORKER_HEAP_MB: heap }) };
  const portal = await startPortal({ helpdeskUrl: sandboxServer.url, env, workers, nodeArgs: profiling() });
  started.push(portal);
  const jar = await signIn(portal.url, data.user);
  const portalCookie = jar.header();

  // The forms the portal's writes post back, as a browser read them (Next's action fields included).
  const page = async (p) => (await fetch(`${portal.url}${p}`, { headers: { cookie: portalCookie, accept: 'text/html' } })).text();
  const listHtml = await page('/requests');
  const rows = new Set(listHtml.match(/href="\/requests\/\d+"/g) ?? []).size;
  const portalForms = {
    create: readForm(await page('/requests/new'), 'description', `${portal.url}/requests/new`),
    reply: readForm(await page(`/requests/${data.replyIds[0]}`), 'body', `${portal.url}/requests/${data.replyIds[0]}`),
  };
  if (!portalForms.create || !portalForms.reply) throw new Error('the portal did not render its new-request and reply forms to the signed-in customer');
  // A browser without JavaScript posts each form to its action (app/requests/[id]/send/route.ts for a reply), not to the page.
  portalForms.replyFrom = data.replyIds[0];
  if (!portalForms.reply.action.includes(`/${portalForms.replyFrom}/`)) throw new Error(`the reply form posts to ${portalForms.reply.action}, not to its request's address`);
  const target = { server: portal, setup: { cookie: portalCookie, origin: portal.url, readId: data.readId, replyIds: data.replyIds, portalForms, created: [] } };
  return { portal, target, rows };
}

const stopServer = async (server) => {
  await server.stop(25_000);
  started.splice(started.indexOf(server), 1);
};

async function measureWorkers(setting, sandboxServer, sandbox, data) {
  const { portal, target, rows } = await openPortal(setting, sandboxServer, data);
  const floorCookie = randomBytes(12).toString('hex');
  const floor = await spawnFloor(sandboxServer.url, data.user, floorCookie);
  const targets = {
    portal: target,
    floor: { server: floor, setup: { cookie: `floor=${floorCookie}`, origin: floor.url, readId: data.readId, replyIds: data.replyIds, created: [] } },
  };

  // Warm-up, not measured: the JIT and the portal's first-render caches.
  for (const name of ['portal', 'floor']) {
    for (const p of ['list', 'request']) await driveQuietly(targets[name], p, 10, 100);
  }

  const cells = [];
  // Page by page, so the reads see the data set as seeded (replies would grow the conversations the
  // list answer carries) and the replies go to the requests the creates made (see replyTargets).
  for (const p of options.pages) {
    for (const connections of options.connections) {
      const cell = { page: p, connections, portal: emptyTotals(), floor: emptyTotals() };
      for (let round = 0; round < options.rounds; round++) {
        // Alternate who goes first, so a trend in the machine's load falls on both alike.
        for (const name of round % 2 === 0 ? ['portal', 'floor'] : ['floor', 'portal']) {
          await measure(targets[name], p, connections, cell[name], sandbox, data.user.email);
        }
      }
      cells.push(summarize(cell));
      const c = cells.at(-1);
      console.log(`  ${p} at ${connections}: portal ${c.portal.cpuMsPerView} ms CPU/view, ${c.portal.perSecond}/s; floor ${c.floor.cpuMsPerView} ms, ${c.floor.perSecond}/s`);
    }
  }
  const after = sample(portal.child.pid);
  await stopServer(floor);
  await stopServer(portal);
  return { workers: setting.workers, workerHeap: setting.heap ?? null, listRows: rows, portalProcesses: after.processes, portalRssMiB: Math.round(after.rssMiB), cells };
}

/** Each connection's round in the soak: eight reads (the list, the request pages in turn), a create and a reply to a request created earlier. */
const SOAK_CYCLE = ['list', 'request', 'request', 'list', 'create', 'request', 'list', 'request', 'request', 'reply'];

async function soakWorkers(setting, sandboxServer, data) {
  const { portal, target } = await openPortal(setting, sandboxServer, data);
  // Warm-up, not measured, as for the cells.
  for (const p of ['list', 'request']) await driveQuietly(target, p, 10, 100);
  const setup = { ...target.setup, readIds: [data.readId, ...data.replyIds] };
  const requests = SOAK_CYCLE.map((p) => ({ ...requestsFor(p, 'portal', setup)[0], kind: p === 'create' || p === 'reply' ? 'write' : 'read' }));
  const run = await soak({
    url: portal.url,
    pid: portal.child.pid,
    connections: options.connections[0],
    seconds: options.soakSeconds,
    requests,
    progress: (line) => console.log(`  ${line}`),
  });
  await stopServer(portal);
  return { workers: setting.workers, workerHeap: setting.heap ?? null, ...run };
}

/** With --profile, node's flags for the portal: its primary and every worker write a CPU profile there when they stop. */
function profiling() {
  return options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [];
}

async function driveQuietly(target, page, connections, views) {
  await drive({ url: target.server.url, connections, requests: requestsFor(page, kind(target), target.setup), views });
}

const kind = (target) => (target.setup.portalForms ? 'portal' : 'floor');
const emptyTotals = () => ({ answers: 0, seconds: 0, cpuMs: 0, calls: 0, latencies: [], statuses: {}, errors: 0, timeouts: 0, rssMiB: 0, largestRssMiB: 0 });

async function measure(target, page, connections, totals, sandbox, email) {
  const pid = target.server.child.pid;
  await sandbox.resetCalls({ email });
  const before = sample(pid);
  const run = await drive({ url: target.server.url, connections, requests: requestsFor(page, kind(target), target.setup) });
  const after = sample(pid);
  totals.calls += (await sandbox.calls({ email })).total;
  totals.answers += run.latencies.length;
  totals.seconds += run.seconds;
  totals.cpuMs += after.cpuMs - before.cpuMs;
  totals.latencies.push(...run.latencies);
  for (const [status, n] of Object.entries(run.statuses)) totals.statuses[status] = (totals.statuses[status] ?? 0) + n;
  totals.errors += run.errors;
  totals.timeouts += run.timeouts;
  totals.rssMiB = Math.max(totals.rssMiB, after.rssMiB);
  totals.largestRssMiB = Math.max(totals.largestRssMiB, after.largestRssMiB);
}

const round1 = (n) => Math.round(n * 10) / 10;
const round2 = (n) => Math.round(n * 100) / 100;

function summarize({ page, connections, portal, floor }) {
  const one = (t) => {
    const sorted = t.latencies.sort((a, b) => a - b);
    const views = Math.max(1, t.answers);
    return {
      answers: t.answers,
      perSecond: round1(t.seconds > 0 ? t.answers / t.seconds : 0),
      p50: round1(percentile(sorted, 50)),
      p99: round1(percentile(sorted, 99)),
      cpuMsPerView: round2(t.cpuMs / views),
      callsPerView: round2(t.calls / views),
      rssMiB: Math.round(t.rssMiB),
      largestRssMiB: Math.round(t.largestRssMiB),
      statuses: t.statuses,
      errors: t.errors,
      timeouts: t.timeouts,
    };
  };
  const p = one(portal);
  const f = one(floor);
  return { page, connections, portal: p, floor: f, cpuRatio: f.cpuMsPerView ? round1(p.cpuMsPerView / f.cpuMsPerView) : null, throughputRatio: f.perSecond ? round2(p.perSecond / f.perSecond) : null };
}

async function main() {
  if (!hasProc()) throw new Error('the benchmark reads CPU time from /proc: run it on Linux');
  ensureBuild();
  // The commit measured: read now, not when the run ends (a commit made meanwhile is not in the build).
  const commit = gitCommit();
  const sandboxServer = await startSandbox();
  started.push(sandboxServer);
  const sandbox = sandboxClient(sandboxServer.url);
  console.log(`Seeding the sandbox: one customer, ${REQUESTS} requests with 3–5 comments each…`);
  const data = await seed(sandbox);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadBefore: round2(os.loadavg()[0]),
  };
  const settings = options.workers.flatMap((workers) => options.workerHeap.map((heap) => ({ workers, heap })));
  const named = ({ workers, heap }) => `WEB_CONCURRENCY=${workers}${heap === undefined ? '' : `, WORKER_HEAP_MB=${heap}`}`;
  const runs = [];
  const soaks = [];
  for (const setting of settings) {
    if (options.soakSeconds !== null) {
      console.log(`Soak: portal (npm start, ${named(setting)}), ${options.soakSeconds} s of mixed traffic (${SOAK_CYCLE.join(', ')}) at ${options.connections[0]} connections…`);
      soaks.push(await soakWorkers(setting, sandboxServer, data));
      // Each soak's table as soon as it is done: a long run stopped half-way still says what it found.
      console.log(`\n${markdownReport({ date: new Date().toISOString(), commit, machine: { ...machine, loadAfter: round2(os.loadavg()[0]) }, options, runs: [], soaks: soaks.slice(-1) })}`);
    } else {
      console.log(`Portal (npm start, ${named(setting)}) and floor: ${options.pages.join(', ')} at ${options.connections.join(', ')} connections, ${options.rounds} × ${options.views} views each…`);
      runs.push(await measureWorkers(setting, sandboxServer, sandbox, data));
    }
  }
  machine.loadAfter = round2(os.loadavg()[0]);
  const report = { date: new Date().toISOString(), commit, machine, options: { ...options, report: undefined }, runs, ...(soaks.length ? { soaks } : {}) };
  const markdown = markdownReport(report);
  if (soaks.length) report.markdown = markdown;
  writeFileSync(options.report, JSON.stringify(report, null, 2));
  console.log(`\n${markdown}\nJSON report: ${options.report}`);
  const failed =
    runs.flatMap((r) => r.cells).some((c) => ['portal', 'floor'].some((n) => c[n].errors || c[n].timeouts || Object.keys(c[n].statuses).some((s) => !['200', '303'].includes(s)))) ||
    soaks.some(soakFailed);
  return !failed;
}

function gitCommit() {
  try {
    return spawnSyncText('git', ['rev-parse', '--short', 'HEAD']);
  } catch {
    return 'unknown';
  }
}

const spawnSyncText = (cmd, args) => spawnSync(cmd, args, { cwd: root, encoding: 'utf8' }).stdout.trim();

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`The benchmark failed to run: ${error.stack ?? error}`);
  for (const s of started) if (s.output.length) console.error(s.output.slice(-20).join('\n'));
} finally {
  for (const s of started.reverse()) await s.stop(25_000);
}
process.exit(ok ? 0 : 1);
