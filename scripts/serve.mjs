#!/usr/bin/env node
// The production portal on every core: `node scripts/serve.mjs [-p PORT]` is what `npm start` runs
// (after the sandbox and the build), in place of a single `next start`. This process is the
// primary of a node:cluster; each worker runs Next's own production server (`next start`, the same
// build) and all of them accept connections on the one port.
//
// - WEB_CONCURRENCY workers (default: one per core; validated, scripts/lib/web-concurrency.mjs).
// - WORKER_HEAP_MB: the most heap each worker may keep, given to V8 (scripts/lib/worker-heap.mjs).
// - Shared state: with REDIS_URL the workers use Redis. Without it this process holds the state in
//   memory and answers the workers over IPC (lib/platform/primary-state.ts), and holds the login
//   limits' counters (rate-limiter-flexible's cluster master): one set of counts, one-time tokens,
//   SSO token ids and ended sessions for all workers, as atomic as in one process.
// - A worker that dies is logged and replaced; one that dies before it ever served (a bad
//   setting, a broken build) stops everything with exit code 1, as `next start` would.
// - /readyz, answered by any worker, asks this process how many workers serve (503 until all do).
// - SIGTERM or SIGINT: every worker drains (Next finishes its in-flight requests), then this
//   process exits 0; one still running after STOP_TIMEOUT_MS is killed and the exit code is 1.
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import { tsImport } from 'tsx/esm/api';
import { nextBin, root } from './lib/processes.mjs';
import { workerCount } from './lib/web-concurrency.mjs';
import { workerHeapFlags, workerHeapMb } from './lib/worker-heap.mjs';

const STOP_TIMEOUT_MS = 25_000;
const log = (line) => console.log(`[portico] ${line}`);

let wanted;
let heapMb;
try {
  wanted = workerCount();
  heapMb = workerHeapMb();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const { values: flags } = parseArgs({ options: { port: { type: 'string', short: 'p' } } });
const port = flags.port ?? process.env.PORT ?? '3000';

// The state's code is TypeScript, shared with the workers' side; tsx loads it here.
const { MemoryState } = await tsImport('../lib/platform/memory-state.ts', import.meta.url);
const { answerWorker, WORKER_ENV } = await tsImport('../lib/platform/primary-state.ts', import.meta.url);
const store = new MemoryState();
new RateLimiterClusterMaster();

/** Workers by cluster id: whether each has started listening. */
const serving = new Map();
let stopping = false;
const status = () => ({ serving: [...serving.values()].filter(Boolean).length, wanted });

// The heap flags come after this process's own (and after NODE_OPTIONS, which V8 reads first), so they win.
cluster.setupPrimary({ exec: nextBin, args: ['start', '-p', String(port)], cwd: root, execArgv: [...process.execArgv, ...workerHeapFlags(heapMb)] });
cluster.on('message', (worker, message) => {
  answerWorker(store, status, message, (answer) => {
    if (worker.isConnected()) worker.send(answer);
  });
});
cluster.on('listening', (worker) => {
  serving.set(worker.id, true);
  const { serving: count } = status();
  if (count === wanted) log(`${wanted} worker${wanted === 1 ? '' : 's'} serving on port ${port} (pids ${[...serving.keys()].map((id) => cluster.workers[id]?.process.pid).join(', ')})`);
});
cluster.on('exit', (worker, code, signal) => {
  const served = serving.get(worker.id);
  serving.delete(worker.id);
  if (stopping) return;
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  if (!served) {
    console.error(`[portico] Worker ${worker.process.pid} stopped (${how}) before it served; see its messages above. Stopping.`);
    stop('SIGTERM', 1);
    return;
  }
  console.error(`[portico] Worker ${worker.process.pid} stopped (${how}); starting a replacement.`);
  fork();
});

function fork() {
  const worker = cluster.fork({ [WORKER_ENV]: '1' });
  serving.set(worker.id, false);
}

async function stop(signal, code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  const workers = Object.values(cluster.workers ?? {}).filter(Boolean);
  const exits = workers.map((worker) => (worker.isDead() ? null : new Promise((resolve) => worker.once('exit', resolve))));
  // Ctrl-C in a terminal already signalled every worker (one process group); Next ignores the repeat.
  for (const worker of workers) if (!worker.isDead()) worker.process.kill(signal);
  const timer = setTimeout(() => {
    console.error(`[portico] A worker did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it.`);
    process.exitCode = 1;
    for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await Promise.all(exits);
  clearTimeout(timer);
  process.exit();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

log(`Starting ${wanted} worker${wanted === 1 ? '' : 's'} (WEB_CONCURRENCY${process.env.WEB_CONCURRENCY ? '' : ' unset: one per core'}), heap ${heapMb === null ? 'uncapped (WORKER_HEAP_MB=0)' : `capped at ${heapMb} MB each (WORKER_HEAP_MB)`}; shared state: ${process.env.REDIS_URL ? 'Redis (REDIS_URL)' : 'this primary process, over IPC'}`);
for (let i = 0; i < wanted; i++) fork();
