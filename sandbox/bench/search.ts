// `npm run bench:search`: how fast the sandbox searches one customer's requests among 100,000.
//
// Fills a throwaway database (a temporary file, removed at the end) through the real schema and
// its triggers, in one transaction with prepared statements; starts the sandbox on it; then times
// searches through the real HTTP API, in both dialects, as one customer with many requests: a
// common word, one in most requests, a rare word, a phrase, two words, a word that matches
// nothing, and a search with a status filter and another order. Each is warmed up, then run many times; it prints the median and the
// 95th percentile. A measurement to read, not a test that passes or fails.
//
//   npm run bench:search -- --tickets 100000 --customers 2000 --mine 1000 --runs 200
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildSandbox } from '../app';
import { openDb } from '../db';
import { STATUS, VIA_WEB_SERVICE } from '../store/tickets';
import { hashPassword, ROLE } from '../store/users';
import { corpus, seeded } from './corpus';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    customers: { type: 'string', default: '2000' },
    mine: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '200' },
  },
});
const TICKETS = Number(args.tickets);
const CUSTOMERS = Number(args.customers);
const MINE = Number(args.mine);
const RUNS = Number(args.runs);
const WARMUP = 20;
const RARE_WORD = 'zanzibar';
const ME = { email: 'bench-customer@example.com', password: 'bench-password' };

const DAY = 86_400_000;

function fill(dbPath: string, passwordHash: string): { ms: number; comments: number } {
  const started = performance.now();
  const db = openDb(dbPath);
  const random = seeded(20261130);
  const text = corpus(random);
  const now = Date.now();
  const addUser = db.prepare('INSERT INTO users (name, email, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)');
  const addTicket = db.prepare(
    `INSERT INTO tickets (subject, description, requester_id, submitter_id, status_id, via_id, created_at, updated_at, status_updated_at, requester_updated_at)
     VALUES (?, ?, ?, ?, ?, ${VIA_WEB_SERVICE}, ?, ?, ?, ?)`,
  );
  const addComment = db.prepare(`INSERT INTO comments (ticket_id, author_id, value, is_public, via_id, created_at) VALUES (?, ?, ?, ?, ${VIA_WEB_SERVICE}, ?)`);
  let comments = 0;
  db.transaction(() => {
    const agent = Number(addUser.run('Bench Agent', 'bench-agent@example.com', null, ROLE.agent, now).lastInsertRowid);
    const me = Number(addUser.run('Bench Customer', ME.email, passwordHash, ROLE.endUser, now).lastInsertRowid);
    const others: number[] = [];
    for (let i = 1; i < CUSTOMERS; i++) others.push(Number(addUser.run(text.name(), `customer-${i}@example.com`, null, ROLE.endUser, now).lastInsertRowid));
    // Every (TICKETS / MINE)th ticket is the bench customer's; the rest go round the others.
    const every = Math.max(1, Math.floor(TICKETS / MINE));
    let mineSoFar = 0;
    const statuses = [STATUS.new, STATUS.open, STATUS.pending, STATUS.solved, STATUS.closed];
    for (let i = 0; i < TICKETS; i++) {
      const mine = i % every === 0 && mineSoFar < MINE;
      if (mine) mineSoFar++;
      const requester = mine ? me : others[i % others.length]!;
      const ticket = text.ticket();
      // A word few requests have: three of the customer's, and some of others'.
      if ((mine && mineSoFar % 300 === 1) || (!mine && i % 5000 === 7)) ticket.comments.push({ by: 'requester', text: `We will be in ${RARE_WORD} next week.`, isPublic: true });
      // Two years of requests, oldest first, each updated a few hours after it was made.
      const created = now - 2 * 365 * DAY + Math.floor((i / TICKETS) * 2 * 365 * DAY);
      const status = statuses[Math.floor(random() * statuses.length)]!;
      const updated = created + (ticket.comments.length + 1) * 3_600_000;
      const id = Number(addTicket.run(ticket.subject, ticket.description, requester, requester, status, created, updated, updated, created).lastInsertRowid);
      addComment.run(id, requester, ticket.description, 1, created);
      comments++;
      ticket.comments.forEach((c, n) => {
        addComment.run(id, c.by === 'agent' ? agent : requester, c.text, c.isPublic ? 1 : 0, created + (n + 1) * 3_600_000);
        comments++;
      });
    }
  })();
  db.close();
  return { ms: performance.now() - started, comments };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function time(url: string, authorization: string): Promise<{ median: number; p95: number; max: number; body: string }> {
  let body = '';
  const once = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization } });
    body = await res.text();
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
    return performance.now() - started;
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await once());
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1)!, body };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-search-bench-'));
  const dbPath = join(dir, 'bench.db');
  try {
    console.log(`Filling ${TICKETS.toLocaleString('en')} tickets for ${CUSTOMERS.toLocaleString('en')} customers (${MINE.toLocaleString('en')} of them the bench customer's)…`);
    const filled = fill(dbPath, await hashPassword(ME.password));
    const megabytes = (statSync(dbPath).size + (statSync(`${dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 1e6;
    console.log(`  ${(filled.ms / 1000).toFixed(1)} s, ${filled.comments.toLocaleString('en')} comments, ${megabytes.toFixed(0)} MB on disk (index included)`);

    const app = await buildSandbox({ dbPath, demo: false, rateLimit: 1_000_000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const authorization = `Basic ${Buffer.from(`${ME.email}:${ME.password}`).toString('base64')}`;
    const cases: [string, string][] = [
      ['common word', 'printer'],
      ['very common word', 'since'],
      ['rare word', RARE_WORD],
      ['phrase', '"third floor"'],
      ['two words', 'battery charger'],
      ['no match', 'xylograph'],
    ];
    const rows: string[][] = [];
    try {
      for (const [label, query] of cases) {
        const q = encodeURIComponent(query);
        const classic = await time(`${base}/requests/search.xml?query=${q}&status=all`, authorization);
        const v2 = await time(`${base}/api/v2/requests/search.json?query=${q}&sort_by=updated_at&sort_order=desc&per_page=15`, authorization);
        const found = /count="(\d+)"/.exec(classic.body)?.[1] ?? '?';
        rows.push([label, query, found, ...[classic, v2].flatMap((r) => [r.median.toFixed(1), r.p95.toFixed(1)])]);
      }
      const filtered = await time(`${base}/requests/search.xml?query=printer&status=open&sort-by=created-at&sort-order=asc&page=3`, authorization);
      rows.push(['common, open, oldest first, page 3', 'printer', /count="(\d+)"/.exec(filtered.body)?.[1] ?? '?', filtered.median.toFixed(1), filtered.p95.toFixed(1), '', '']);
      const list = await time(`${base}/requests.xml?status=all`, authorization);
      rows.push(['(the list, no search)', '', /count="(\d+)"/.exec(list.body)?.[1] ?? '?', list.median.toFixed(1), list.p95.toFixed(1), '', '']);
    } finally {
      await app.close();
    }

    const head = ['search', 'query', 'matches', 'classic median ms', 'classic p95 ms', 'v2 median ms', 'v2 p95 ms'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(`\nOne customer's searches over HTTP (warm; ${RUNS} runs each after ${WARMUP} to warm up; 15 a page; the whole round trip):\n`);
    console.log(line(head));
    for (const row of rows) console.log(line(row));
    const worst = Math.max(...rows.flatMap((r) => [r[4], r[6]]).filter((c) => c).map(Number));
    console.log(`\nSlowest p95: ${worst.toFixed(1)} ms (target: under 50 ms).`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
