import type { RunningServer as Started } from '../scripts/lib/servers.mjs';
import { DIALECT_ENV, E2E_API_TOKEN, E2E_OAUTH_TOKEN } from './dialect';
import { E2E_SESSION_SECRET } from './ports';

/**
 * Servers a spec starts for itself, beside the ones playwright.config.ts starts for everyone: extra
 * portal instances with their own settings, a sandbox on a file (to restart it), redis-server.
 * They are started the one way the repository starts servers (scripts/lib/servers.mjs), with the
 * suite's settings on top, each in its own process group, so stop() ends it and anything it started.
 * (Imported dynamically: Playwright compiles what a spec imports statically to CommonJS, which an
 * ES module (.mjs) cannot be.)
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

const servers = () => import('../scripts/lib/servers.mjs');

const forSpecs = (server: Started, url = server.url): RunningServer => ({
  url,
  port: server.port,
  output: () => server.output.join('\n'),
  stop: async () => void (await server.stop(5_000)),
  kill: async () => void (await server.kill()),
});

/** Another `next start` of the same build (NEXT_DIST_DIR is inherited), in this run's dialect, with its own settings. */
export async function startPortal(port: number, env: Record<string, string>): Promise<RunningServer> {
  const settings = { HELPDESK_TIMEOUT_MS: '3000', HELPDESK_FIELDS_TTL_SECONDS: '86400', SESSION_SECRET: E2E_SESSION_SECRET, ...DIALECT_ENV, ...env };
  return forSpecs(await (await servers()).startPortal({ port, env: settings, ownGroup: true, host: 'localhost' }));
}

/** A sandbox help desk of its own, e.g. on a file so that it can be stopped and started again. */
export async function startSandbox(port: number, db: string): Promise<RunningServer> {
  return forSpecs(await (await servers()).startSandbox({ port, db, env: { SANDBOX_API_TOKEN: E2E_API_TOKEN, SANDBOX_OAUTH_TOKEN: E2E_OAUTH_TOKEN }, ownGroup: true }));
}

/** Debian's redis-server on a spare port, memory only. Fails loudly when it is not installed. */
export async function startRedis(port: number): Promise<RunningServer> {
  return forSpecs(await (await servers()).startRedis({ port, ownGroup: true }));
}
