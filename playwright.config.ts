import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium } from './e2e/chromium';
import { DIALECT, DIALECT_ENV, E2E_API_TOKEN, E2E_OAUTH_TOKEN, EMBED_ON_BEHALF_OF_ENV, ON_BEHALF_OF_ENV } from './e2e/dialect';
import {
  E2E_PREVIOUS_SESSION_SECRET,
  E2E_SESSION_SECRET,
  E2E_SSO_SECRET,
  EMBED_HOST_PORT,
  EMBED_HOST_URL,
  EMBED_PORTAL_PORT,
  EMBED_PORTAL_URL,
  OUTPUT_DIR,
  OBO_PORTAL_PORT,
  OBO_PORTAL_URL,
  PORTAL_PORT,
  PORTAL_URL,
  SANDBOX_ADMIN,
  SANDBOX_PORT,
  SANDBOX_URL,
} from './e2e/ports';

/**
 * The e2e suite runs against a production build (`next build` first: `npm test` does it) and a
 * sandbox help desk on a throwaway in-memory database, both started here. Its portals speak one
 * help desk API, E2E_DIALECT (classic, the default, or v2); `npm test` runs the suite once per
 * dialect, each into its own output directory (scripts/test.mjs).
 */
/**
 * Each run starts its own servers and refuses a port that is already taken: silently reusing
 * whatever answers there (another checkout's run, a stale build) makes failures nobody can explain.
 * `E2E_REUSE_SERVERS=1` keeps servers a developer started by hand (e.g. under a profiler).
 */
const REUSE_SERVERS = process.env.E2E_REUSE_SERVERS === '1';

/** One instance of the production build, on the suite's sandbox, in this run's dialect, with its own settings on top. */
function portal(port: number, url: string, env: Record<string, string>) {
  return {
    command: `node node_modules/next/dist/bin/next start -p ${port}`,
    url: `${url}/healthz`,
    reuseExistingServer: REUSE_SERVERS,
    timeout: 60_000,
    // The help desk's field definitions never change during a run: kept all along, so no counted
    // page view ever happens to be the one that reads them again (lib/helpdesk/field-cache.ts).
    env: { NODE_ENV: 'production', HELPDESK_URL: SANDBOX_URL, HELPDESK_TIMEOUT_MS: '3000', HELPDESK_FIELDS_TTL_SECONDS: '86400', SESSION_SECRET: E2E_SESSION_SECRET, ...DIALECT_ENV, ...env },
  };
}

export default defineConfig({
  testDir: './e2e',
  // Accessibility and the screenshots are about the pages, not the help desk API behind them:
  // they run in the classic run only, so the v2 run (same pages) stays within CI's time budget.
  testIgnore: DIALECT === 'v2' ? ['**/accessibility.spec.ts', '**/screenshots.spec.ts'] : [],
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // On CI one retry, so a timing flake on a loaded 2-core machine does not sink the run; a test
  // that needed it is still reported by name as flaky in npm test's summary (scripts/test.mjs).
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  // The JSON report is what `npm test` counts for its summary.
  outputDir: `${OUTPUT_DIR}/artifacts`,
  reporter: [['list'], ['json', { outputFile: `${OUTPUT_DIR}/e2e.json` }]],
  use: {
    baseURL: PORTAL_URL,
    // Pages show exact times in the browser's zone (app/ui/local-time.tsx): one zone for every run,
    // whatever the machine's; a spec that is about zones sets its own.
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: requireChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: `chromium-${DIALECT}`, use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: 'node --import tsx sandbox/server.ts',
      url: `${SANDBOX_URL}/_sandbox/health`,
      reuseExistingServer: REUSE_SERVERS,
      timeout: 60_000,
      env: {
        SANDBOX_DB: ':memory:',
        SANDBOX_PORT: String(SANDBOX_PORT),
        SANDBOX_ADMIN_EMAIL: SANDBOX_ADMIN.email,
        SANDBOX_ADMIN_PASSWORD: SANDBOX_ADMIN.password,
        // Known v2 credentials from the start, for the v2 run's on-behalf-of portals.
        SANDBOX_API_TOKEN: E2E_API_TOKEN,
        SANDBOX_OAUTH_TOKEN: E2E_OAUTH_TOKEN,
      },
    },
    portal(PORTAL_PORT, PORTAL_URL, {
      // Mid-rotation: cookies sealed with the previous secret are still accepted (e2e/attacks-sessions.spec.ts).
      SESSION_SECRET_PREVIOUS: E2E_PREVIOUS_SESSION_SECRET,
      // As if behind one proxy: a spec names its client with X-Forwarded-For, so its failed
      // sign-ins do not hold back the rest of the suite. (TRUST_PROXY=0, where the socket is the
      // client whatever the header says: e2e/attacks-client-address.spec.ts, on a portal of its own.)
      TRUST_PROXY: '1',
    }),
    // The same build in the other sign-in mode: the portal acts on behalf of users (classic: as its
    // agent; v2: with the API token; the OAuth token is the embed portal's below and sign-in-modes' own).
    portal(OBO_PORTAL_PORT, OBO_PORTAL_URL, {
      ...ON_BEHALF_OF_ENV,
      // Re-check password changes every second, so e2e/session-password-change.spec.ts need not wait 5 minutes.
      SESSION_RECHECK_SECONDS: '1',
      // Agents' badge says the company's name here, "Agent" on the others (e2e/authors.spec.ts).
      PORTAL_COMPANY_NAME: 'Acme Support',
    }),
    // The same build, embeddable by the host page below and taking single sign-on from it.
    portal(EMBED_PORTAL_PORT, EMBED_PORTAL_URL, {
      ...EMBED_ON_BEHALF_OF_ENV,
      EMBED_ORIGINS: EMBED_HOST_URL,
      SSO_SECRET: E2E_SSO_SECRET,
      SESSION_RECHECK_SECONDS: '1',
    }),
    {
      // A company's page on another site (127.0.0.1 vs localhost) that embeds that portal.
      command: 'node scripts/embed-host.mjs',
      url: `${EMBED_HOST_URL}/health`,
      reuseExistingServer: REUSE_SERVERS,
      timeout: 30_000,
      env: { EMBED_DEMO_PORT: String(EMBED_HOST_PORT), EMBED_DEMO_BIND: '127.0.0.1', PORTICO_URL: EMBED_PORTAL_URL, SSO_SECRET: '' },
    },
  ],
});
