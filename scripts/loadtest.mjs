#!/usr/bin/env node
// `npm run loadtest`: many signed-in customers list, open, create and reply through the portal for
// a bounded time (autocannon, one connection per customer), then the help desk is checked: every
// write the portal acknowledged is there exactly once, and nothing twice. Without --url it runs on
// its own sandbox (in memory) and production build, on free ports, and stops them afterwards.
//
//   npm run loadtest -- --users 50 --duration 60
//   npm run loadtest -- --url http://127.0.0.1:3000 --sandbox-url http://127.0.0.1:4080
//
// Options (flag, or environment variable): --users / LOAD_USERS (50), --duration / LOAD_DURATION
// seconds (60), --url / LOAD_PORTAL_URL, --sandbox-url / LOAD_SANDBOX_URL (with --url; default
// http://127.0.0.1:4080), --timeout / LOAD_TIMEOUT seconds per request (10), --report FILE (JSON).
// Exits 1 on any error, unexpected answer, lost or duplicated write.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { customerFlow, signIn } from './load/customer-flow.mjs';
import { Ledger } from './load/ledger.mjs';
import { printReport } from './load/report.mjs';
import { sandboxClient } from './lib/sandbox-client.mjs';
import { ensureBuild, startPortal, startSandbox } from './lib/servers.mjs';
import { inBatches, verifyWrites } from './load/verify-writes.mjs';

const { values: flags } = parseArgs({
  options: {
    users: { type: 'string' },
    duration: { type: 'string' },
    url: { type: 'string' },
    'sandbox-url': { type: 'string' },
    timeout: { type: 'string' },
    report: { type: 'string' },
  },
});
const env = process.env;
const number = (value, fallback, name, max) => {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
};
const options = {
  users: number(flags.users ?? env.LOAD_USERS, 50, 'users', 500),
  duration: number(flags.duration ?? env.LOAD_DURATION, 60, 'duration', 3600),
  timeout: number(flags.timeout ?? env.LOAD_TIMEOUT, 10, 'timeout', 120),
  url: (flags.url ?? env.LOAD_PORTAL_URL)?.replace(/\/+$/, ''),
  sandboxUrl: flags['sandbox-url'] ?? env.LOAD_SANDBOX_URL ?? 'http://127.0.0.1:4080',
  report: flags.report,
};

const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const started = [];

async function main() {
  let portalUrl = options.url;
  let sandboxUrl = options.sandboxUrl;
  if (!portalUrl) {
    ensureBuild();
    const sandbox = await startSandbox();
    started.push(sandbox);
    // Portico's own log at warn: a load run should show problems, not one line per help desk call.
    const portal = await startPortal({ helpdeskUrl: sandbox.url, env: { LOG_LEVEL: env.LOG_LEVEL || 'warn' } });
    started.push(portal);
    [portalUrl, sandboxUrl] = [portal.url, sandbox.url];
  }
  console.log(`Load test ${runId}: ${options.users} customers for ${options.duration} s against ${portalUrl} (help desk ${sandboxUrl})`);

  // Setting up: customers, a first request each, and a real sign-in through the portal's form.
  const sandbox = sandboxClient(sandboxUrl);
  const indexes = Array.from({ length: options.users }, (_, i) => i + 1);
  const users = await inBatches(indexes, 4, (i) =>
    sandbox.createEndUser({ name: `Load ${runId} ${i}`, email: `load-${runId}-${i}@example.com`, password: `pw-${randomBytes(9).toString('base64url')}` }),
  );
  const customers = await inBatches(users, 4, async (user) => ({
    user,
    requestIds: [await sandbox.createRequest(user, `First request of ${user.name}`, 'Made before the load test starts.')],
    jar: null,
    lastStep: null,
  }));
  const signInFailures = [];
  await inBatches(customers, 5, async (customer) => {
    try {
      customer.jar = await signIn(portalUrl, customer.user);
    } catch (error) {
      signInFailures.push(`${customer.user.email}: ${error.message}`);
    }
  });
  const signedIn = customers.filter((c) => c.jar);
  console.log(`Signed in ${signedIn.length} of ${customers.length} customers; running…`);

  // What else the machine was doing counts: the load generator, portal and sandbox share its cores.
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadBefore: os.loadavg()[0] };
  const ledger = new Ledger(runId);
  const result = signedIn.length === 0 ? null : await drive(portalUrl, signedIn, ledger);
  // Writes cut off by the end of the run may still be finishing in the portal.
  await new Promise((r) => setTimeout(r, 1_000));
  const writes = await verifyWrites(ledger, sandbox, users);
  const report = printReport({ options, runId, portalUrl, machine, result, ledger, writes, signedIn: signedIn.length, signInFailures });
  if (options.report) {
    mkdirSync(path.dirname(path.resolve(options.report)), { recursive: true });
    writeFileSync(options.report, JSON.stringify(report, null, 2));
  }
  return report.failed === 0;
}

/** autocannon with one connection per customer; each connection runs that customer's flow. */
function drive(url, customers, ledger) {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: customers.length,
        duration: options.duration,
        timeout: options.timeout,
        requests: [{ method: 'GET', path: '/healthz' }],
        setupClient(client) {
          const customer = customers[next++ % customers.length];
          client.setRequests(customerFlow(customer, ledger, url));
          client.on('response', (_status, _bytes, ms) => ledger.timed(customer.lastStep, ms));
        },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    let seconds = 0;
    instance.on('tick', ({ counter }) => {
      if (++seconds % 10 === 0) console.log(`  ${seconds} s: ${counter} answers in the last second`);
    });
  });
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`Load test failed to run: ${error.stack ?? error}`);
  for (const s of started) if (s.output.length) console.error(s.output.slice(-20).join('\n'));
} finally {
  for (const s of started.reverse()) await s.stop();
}
process.exit(ok ? 0 : 1);
