// Starting a throwaway sandbox help desk and a production portal, for the load test and the
// shutdown test: free ports and in-memory data. Building, waiting for and stopping (SIGTERM, then a
// bounded wait) live in ../lib/processes.mjs, shared with `npm start`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { buildIfNeeded, distDir, nextBin, productionEnv, root, waitFor } from '../lib/processes.mjs';

export const SANDBOX_ADMIN = { email: 'admin@example.com', password: 'admin-password' };

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

/**
 * `next start` on the production build, pointed at `helpdeskUrl`; `env` adds or overrides settings.
 * With `asNpmStart`, through scripts/start.mjs instead, exactly as `npm start` serves in production
 * (it builds when the build is stale, and starts as many workers as it is told to): the benchmark
 * measures that, its CPU summed over the processes it starts.
 */
export async function startPortal({ port, helpdeskUrl, env = {}, asNpmStart = false } = {}) {
  port ??= await freePort();
  const args = asNpmStart ? [path.join(root, 'scripts', 'start.mjs')] : [nextBin, 'start', '-p', String(port)];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: productionEnv({ HELPDESK_URL: helpdeskUrl, SESSION_SECRET: randomBytes(32).toString('base64url'), PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child, 400);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, { child });
  return { child, url, output };
}
