// The one way Portico's own tooling starts servers: the sandbox help desk, the production portal
// (one `next start`, or `npm start`'s workers through scripts/serve.mjs), and redis-server. The
// load test, the attachment measurement and the server tests (scripts/) and the e2e specs'
// extra servers (e2e/servers.ts adds the suite's settings on top) all start theirs here; npm start
// (scripts/start.mjs) starts the same processes with its own console. Building, waiting for and
// stopping a process are in ./processes.mjs.
//
//   const sandbox = await startSandbox();                     // in memory, on a free port
//   const portal = await startPortal({ helpdeskUrl: sandbox.url, workers: 2 });
//   …; await portal.stop(); await sandbox.stop();
//
// Every start resolves to a RunningServer once the server answers its health URL, and rejects
// (with what the process printed) when it exits first or does not answer within a minute.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { buildIfNeeded, distDir, isHealthy, nextBin, productionEnv, root, stop } from './processes.mjs';

/** The sandbox's admin account, which every start here gives it. */
export const SANDBOX_ADMIN = { email: 'admin@example.com', password: 'admin-password' };

/**
 * @typedef {object} RunningServer
 * @property {import('node:child_process').ChildProcess} child
 * @property {string} url   e.g. http://127.0.0.1:4123 (redis://… for Redis)
 * @property {number} port
 * @property {string[]} output  the last lines it printed (stdout and stderr), for a failing test's message and log checks
 * @property {(timeoutMs?: number) => Promise<unknown>} stop  SIGTERM, a bounded wait, then SIGKILL (the whole process group with `ownGroup`)
 * @property {() => Promise<unknown>} kill  SIGKILL at once, like a crash
 */

/** A port nothing listens on right now (the OS picks it), so parallel runs never collide. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Builds the portal into NEXT_DIST_DIR (default .next) when there is no build there yet or the source changed since. */
export function ensureBuild() {
  const dir = path.relative(root, distDir());
  const status = buildIfNeeded({
    announce: (state, changed) =>
      console.log(state === 'missing' ? `No production build in ${dir}: building…` : `The source has changed since the build in ${dir} (${changed}): rebuilding…`),
  });
  if (status !== 0) throw new Error('the build failed');
}

/**
 * Starts `command args` and resolves once `ready()` is true. `ownGroup` puts it in a process group
 * of its own, so stop() and kill() also end whatever it started (the e2e suite's choice); without
 * it, a Ctrl-C in the terminal reaches it with everything else.
 * @param {{ command?: string, args: string[], env: NodeJS.ProcessEnv, ready: () => Promise<boolean>, port: number, url: string, ownGroup?: boolean, keepLines?: number, timeoutMs?: number }} options
 * @returns {Promise<RunningServer>}
 */
export async function startServer({ command = process.execPath, args, env, ready, port, url, ownGroup = false, keepLines = 2_000, timeoutMs = 60_000 }) {
  const child = spawn(command, args, { cwd: root, env, detached: ownGroup, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const add = (chunk) => {
    output.push(...String(chunk).split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - keepLines));
  };
  child.stdout.on('data', add);
  child.stderr.on('data', add);
  const signal = (name) => {
    try {
      if (ownGroup) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // Already gone.
    }
  };
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const server = {
    child,
    url,
    port,
    output,
    stop: (stopTimeoutMs = 15_000) => (ownGroup ? stopGroup(child, signal, stopTimeoutMs) : stop(child, stopTimeoutMs)),
    kill: () => (ended() ? Promise.resolve() : new Promise((resolve) => (child.once('exit', resolve), signal('SIGKILL')))),
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ended()) throw new Error(`${path.basename(command)} ${args.join(' ')} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output.join('\n')}`);
    if (await ready().catch(() => false)) return server;
    if (Date.now() > deadline) {
      await server.stop(5_000);
      throw new Error(`${path.basename(command)} ${args.join(' ')} was not ready on port ${port} within ${timeoutMs} ms:\n${output.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

function stopGroup(child, signal, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      resolve(code ?? sig);
    });
    signal('SIGTERM');
  });
}

/**
 * The sandbox help desk (sandbox/server.ts) on `port` (default: a free one), on a throwaway
 * in-memory database unless `db` names a file; `env` adds settings (e.g. SANDBOX_API_TOKEN).
 * @param {{ port?: number, db?: string, env?: Record<string, string>, ownGroup?: boolean }} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startSandbox({ port, db = ':memory:', env = {}, ownGroup } = {}) {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startServer({
    args: ['--import', 'tsx', path.join(root, 'sandbox', 'server.ts')],
    // No mail server unless asked (`env.SANDBOX_SMTP_PORT`): its default port (the sandbox's + 5) could be another server's.
    env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_DB: db, SANDBOX_ADMIN_EMAIL: SANDBOX_ADMIN.email, SANDBOX_ADMIN_PASSWORD: SANDBOX_ADMIN.password, SANDBOX_SMTP_PORT: 'off', ...env },
    ready: () => isHealthy(`${url}/_sandbox/health`),
    port,
    url,
    ownGroup,
  });
}

/**
 * The production portal on `port` (default: a free one), pointed at `helpdeskUrl`, with a fresh
 * SESSION_SECRET unless `env` gives one; `env` adds or overrides settings. `workers` (a number)
 * serves it as `npm start` does, through scripts/serve.mjs with WEB_CONCURRENCY workers; without
 * it, one `next start`. `host` is the host name in its URL (default 127.0.0.1). `nodeArgs` go to
 * node itself before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses); workers inherit them.
 * @param {{ port?: number, helpdeskUrl?: string, env?: Record<string, string>, workers?: number, ownGroup?: boolean, host?: string, nodeArgs?: string[] }} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startPortal({ port, helpdeskUrl, env = {}, workers, ownGroup, host = '127.0.0.1', nodeArgs = [] } = {}) {
  port ??= await freePort();
  const url = `http://${host}:${port}`;
  const args = [...nodeArgs, ...(workers ? [path.join(root, 'scripts', 'serve.mjs'), '-p', String(port)] : [nextBin, 'start', '-p', String(port)])];
  const settings = { ...(helpdeskUrl ? { HELPDESK_URL: helpdeskUrl } : {}), SESSION_SECRET: randomBytes(32).toString('base64url'), ...(workers ? { WEB_CONCURRENCY: String(workers) } : {}), ...env };
  return startServer({
    args,
    env: productionEnv(settings),
    // With workers, healthy means every one of them is serving: /readyz says so (the help desk too).
    ready: () => isHealthy(`${url}/${workers ? 'readyz' : 'healthz'}`),
    port,
    url,
    ownGroup,
  });
}

/**
 * Debian's redis-server on `port` (default: a free one), memory only. Fails with the command to install it when it is missing.
 * @param {{ port?: number, ownGroup?: boolean }} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startRedis({ port, ownGroup } = {}) {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error('redis-server is not installed: run `sudo apt-get install -y redis-server` (npm test offers to do it: scripts/lib/provision.mjs).');
  }
  port ??= await freePort();
  const ping = () =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.on('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.on('error', () => resolve(false));
    });
  return startServer({
    command: 'redis-server',
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    env: process.env,
    ready: ping,
    port,
    url: `redis://127.0.0.1:${port}`,
    ownGroup,
  });
}
