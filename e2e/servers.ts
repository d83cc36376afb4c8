import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { DIALECT_ENV, E2E_API_TOKEN, E2E_OAUTH_TOKEN } from './dialect';
import { E2E_SESSION_SECRET, SANDBOX_ADMIN } from './ports';

/**
 * Servers a spec starts for itself, beside the ones playwright.config.ts starts for everyone: extra
 * portal instances with their own settings, a sandbox on a file (to restart it), redis-server.
 * Each runs in its own process group, so stop() ends it and anything it started.
 */
export interface RunningServer {
  url: string;
  port: number;
  /** What the process printed, for a failing test's message. */
  output: () => string;
  stop: () => Promise<void>;
  /** Ends it the hard way (SIGKILL), like a crash: no graceful close, open connections just drop. */
  kill: () => Promise<void>;
}

function start(command: string, args: string[], env: Record<string, string>, ready: () => Promise<boolean>, port: number, url: string): Promise<RunningServer> {
  const child = spawn(command, args, { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const server: RunningServer = { url, port, output: () => output, stop: () => stopProcess(child, 'SIGTERM'), kill: () => stopProcess(child, 'SIGKILL') };
  return (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode}:\n${output}`);
      if (await ready().catch(() => false)) return server;
      await new Promise((r) => setTimeout(r, 150));
    }
    await server.stop();
    throw new Error(`${command} ${args.join(' ')} did not become ready on port ${port}:\n${output}`);
  })();
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, signal);
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

const answers = (url: string) => async () => (await fetch(url)).ok;

/** Another `next start` of the same build (NEXT_DIST_DIR is inherited), in this run's dialect, with its own settings. */
export function startPortal(port: number, env: Record<string, string>): Promise<RunningServer> {
  const url = `http://localhost:${port}`;
  return start(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port)],
    { NODE_ENV: 'production', HELPDESK_TIMEOUT_MS: '3000', SESSION_SECRET: E2E_SESSION_SECRET, ...DIALECT_ENV, ...env },
    answers(`${url}/healthz`),
    port,
    url,
  );
}

/** A sandbox help desk of its own, e.g. on a file so that it can be stopped and started again. */
export function startSandbox(port: number, db: string): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  return start(
    process.execPath,
    ['--import', 'tsx', 'sandbox/server.ts'],
    {
      SANDBOX_DB: db,
      SANDBOX_PORT: String(port),
      SANDBOX_ADMIN_EMAIL: SANDBOX_ADMIN.email,
      SANDBOX_ADMIN_PASSWORD: SANDBOX_ADMIN.password,
      SANDBOX_API_TOKEN: E2E_API_TOKEN,
      SANDBOX_OAUTH_TOKEN: E2E_OAUTH_TOKEN,
      // No mail server: its default port (5 above) could be another spec's.
      SANDBOX_SMTP_PORT: 'off',
    },
    answers(`${url}/_sandbox/health`),
    port,
    url,
  );
}

/** Debian's redis-server on a spare port, memory only. Fails loudly when it is not installed. */
export function startRedis(port: number): Promise<RunningServer> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error('redis-server is not installed: `apt-get install -y redis-server` (.ci/run does this). The multi-instance tests need a real Redis.');
  }
  const ping = async () => {
    const net = await import('node:net');
    return new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.on('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.on('error', () => resolve(false));
    });
  };
  return start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {}, ping, port, `redis://127.0.0.1:${port}`);
}
