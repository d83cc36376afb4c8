#!/usr/bin/env node
// `npm start`: the portal as a production build on http://localhost:3000. With no HELPDESK_URL it
// starts the bundled sandbox help desk first (demo users printed by the sandbox), so a fresh clone
// runs with no outside service, in either help desk API (HELPDESK_API=classic|v2: the sandbox speaks
// both; a v2 token the portal is given is created in the sandbox at start). It builds first when there is no build yet or the source has
// changed since the last one. It serves with one worker per core (WEB_CONCURRENCY to choose):
// scripts/serve.mjs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describeHelpdesk, sandboxTokenEnv } from './lib/helpdesk-choice.mjs';
import { localEmailLinkEnv, outboxLine } from './lib/local-mail.mjs';
import { buildIfNeeded, isHealthy, productionEnv, root, stop, waitFor } from './lib/processes.mjs';
import { workerCount } from './lib/web-concurrency.mjs';
import { workerHeapMb } from './lib/worker-heap.mjs';

const env = productionEnv();
// A wrong WEB_CONCURRENCY or WORKER_HEAP_MB stops here, before a sandbox or a build is started for nothing.
try {
  workerCount(env);
  workerHeapMb(env);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
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
  return stop(child, STOP_TIMEOUT_MS, {
    onKill: () => {
      console.error(`[portico] A server did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it.`);
      process.exitCode = 1;
    },
  });
}
// Ctrl-C in a terminal signals every process of the group at once; these handlers then only wait.
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function startSandbox() {
  const port = env.SANDBOX_PORT || '4080';
  const health = `http://127.0.0.1:${port}/_sandbox/health`;
  if (await isHealthy(health)) {
    console.log(`[portico] A sandbox help desk is already running on port ${port}; using it.`);
  } else {
    const sandbox = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sandbox', 'server.ts')], { cwd: root, env: { ...env, ...sandboxTokenEnv(env) }, stdio: 'inherit' });
    children.push(sandbox);
    sandbox.on('exit', (code) => {
      if (!stopping) {
        console.error(`[portico] The sandbox help desk stopped (exit ${code}); stopping the portal too.`);
        stopAll(code || 1);
      }
    });
    try {
      await waitFor(health, { timeoutMs: 30_000, child: sandbox });
    } catch {
      console.error(`[portico] The sandbox help desk did not start on port ${port}. Is the port taken? Set SANDBOX_PORT to another one.`);
      await stopAll(1);
      return false;
    }
  }
  env.HELPDESK_URL = `http://127.0.0.1:${port}`;
  // In v2 the sandbox redirects file downloads, as Zendesk does, to its file host: itself under its other name (sandbox/file-host.ts).
  env.HELPDESK_FILE_ORIGINS ||= `http://localhost:${port}`;
  // A local demo: a generated session secret is acceptable (lib/platform/config.ts warns about it).
  env.PORTICO_LOCAL = '1';
  return true;
}

// The bundled sandbox's mail server and the credential the email link needs (scripts/lib/local-mail.mjs).
const bundled = !env.HELPDESK_URL;
if (bundled) Object.assign(env, localEmailLinkEnv(env));
if (bundled && !(await startSandbox())) process.exit(1);

const buildStatus = buildIfNeeded({
  env,
  announce: (state, changed) =>
    console.log(
      state === 'missing'
        ? '[portico] No production build yet: building (about a minute)…'
        : `[portico] The source has changed since the last build (${changed}): building (about a minute)…`,
    ),
});
if (buildStatus !== 0) {
  console.error('[portico] The build failed; see the messages above.');
  await stopAll(buildStatus);
}

const port = env.PORT || '3000';
// The portal's workers and their primary (scripts/serve.mjs), which drains them all on SIGTERM.
const portal = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs'), '-p', port], { cwd: root, env, stdio: 'inherit' });
children.push(portal);
console.log(`[portico] Portal: http://localhost:${port}  (help desk: ${env.HELPDESK_URL})`);
console.log(`[portico] ${describeHelpdesk(env)}`);
if (bundled && outboxLine(env)) console.log(`[portico] ${outboxLine(env)}`);
// The portal stopping on its own (a crash, a bad setting) takes the sandbox down with it.
portal.on('exit', (code) => stopAll(code ?? 1));
