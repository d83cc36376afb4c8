#!/usr/bin/env node
// `npm start`: the portal as a production build on http://localhost:3000. With no HELPDESK_URL it
// starts the bundled sandbox help desk first (demo users printed by the sandbox), so a fresh clone
// runs with no outside service. It builds first when there is no build yet.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const env = { NEXT_TELEMETRY_DISABLED: '1', ...process.env, NODE_ENV: 'production' };
// In start order: the sandbox (when started here), then the portal.
const children = [];
/** How long one child may take to finish its in-flight requests before it is killed. */
const STOP_TIMEOUT_MS = 25_000;
let stopping = false;

/**
 * A SIGTERM (from Docker, systemd, a platform) reaches this process only: pass it on and wait.
 * Children stop newest first, so the portal finishes its in-flight requests while the help desk
 * they need is still up; then this process exits with `code`.
 */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of [...children].reverse()) await stopChild(child);
  process.exit();
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`[portico] A server did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it.`);
      process.exitCode = 1;
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
// Ctrl-C in a terminal signals every process of the group at once; these handlers then only wait.
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function isHealthy(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function startSandbox() {
  const port = env.SANDBOX_PORT || '4080';
  const health = `http://127.0.0.1:${port}/_sandbox/health`;
  if (await isHealthy(health)) {
    console.log(`[portico] A sandbox help desk is already running on port ${port}; using it.`);
  } else {
    const sandbox = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sandbox', 'server.ts')], { cwd: root, env, stdio: 'inherit' });
    children.push(sandbox);
    sandbox.on('exit', (code) => {
      if (!stopping) {
        console.error(`[portico] The sandbox help desk stopped (exit ${code}); stopping the portal too.`);
        stopAll(code || 1);
      }
    });
    const deadline = Date.now() + 30_000;
    while (!(await isHealthy(health))) {
      if (Date.now() > deadline || sandbox.exitCode !== null) {
        console.error(`[portico] The sandbox help desk did not start on port ${port}. Is the port taken? Set SANDBOX_PORT to another one.`);
        await stopAll(1);
        return false;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  env.HELPDESK_URL = `http://127.0.0.1:${port}`;
  // A local demo: a generated session secret is acceptable (lib/config.ts warns about it).
  env.PORTICO_LOCAL = '1';
  return true;
}

if (!env.HELPDESK_URL && !(await startSandbox())) process.exit(1);

if (!existsSync(path.join(root, env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
  console.log('[portico] No production build yet: building (about a minute)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('[portico] The build failed; see the messages above.');
    await stopAll(build.status || 1);
  }
}

const port = env.PORT || '3000';
const portal = spawn(process.execPath, [nextBin, 'start', '-p', port], { cwd: root, env, stdio: 'inherit' });
children.push(portal);
console.log(`[portico] Portal: http://localhost:${port}  (help desk: ${env.HELPDESK_URL})`);
// The portal stopping on its own (a crash, a bad setting) takes the sandbox down with it.
portal.on('exit', (code) => stopAll(code ?? 1));
