// Starting and stopping a throwaway sandbox help desk and a production portal, for the load test
// and the shutdown test: free ports, in-memory data, and a clean stop (SIGTERM, then a bounded wait).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
export const SANDBOX_ADMIN = { email: 'admin@example.com', password: 'admin-password' };
const distDir = () => path.join(root, process.env.NEXT_DIST_DIR || '.next');

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

export async function waitFor(url, { timeoutMs = 60_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not up yet
    }
    if (child && child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode}) before answering`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Builds the portal into NEXT_DIST_DIR (default .next) when there is no build there yet. */
export function ensureBuild() {
  if (existsSync(path.join(distDir(), 'BUILD_ID'))) return;
  console.log(`No production build in ${path.relative(root, distDir())}: building…`);
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) throw new Error('the build failed');
}

/** Keeps the last lines a child printed, to show when something goes wrong. */
function tail(child, keep = 60) {
  const lines = [];
  const add = (chunk) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return lines;
}

export async function startSandbox({ port, db = ':memory:' } = {}) {
  port ??= await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sandbox', 'server.ts')], {
    cwd: root,
    env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_DB: db, SANDBOX_ADMIN_EMAIL: SANDBOX_ADMIN.email, SANDBOX_ADMIN_PASSWORD: SANDBOX_ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/_sandbox/health`, { child });
  return { child, url, output };
}

/** `next start` on the production build, pointed at `helpdeskUrl`; `env` adds or overrides settings. */
export async function startPortal({ port, helpdeskUrl, env = {} } = {}) {
  port ??= await freePort();
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
    cwd: root,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      ...process.env,
      NODE_ENV: 'production',
      HELPDESK_URL: helpdeskUrl,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child, 400);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, { child });
  return { child, url, output };
}

/** SIGTERM, then wait (bounded) for the exit; SIGKILL if it does not come. Resolves to the exit code or signal. */
export function stop(child, timeoutMs = 15_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child?.exitCode ?? child?.signalCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
    child.kill('SIGTERM');
  });
}
