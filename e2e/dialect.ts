import { SANDBOX_PORT } from './ports';
/**
 * Which help desk API the suite's portals speak (E2E_DIALECT=classic|v2, read by
 * playwright.config.ts and scripts/test.mjs, which runs the suite once per dialect), and what the
 * specs that count or fault help desk calls need to know about it: the sandbox's route keys and
 * the calls each page makes. Specs name routes through ROUTE, never as literals, so one spec
 * covers both dialects. (e2e/sandbox-admin.ts arranges data through the classic XML admin API in
 * both runs: the sandbox has one store, so that is the same data.)
 */
export type Dialect = 'classic' | 'v2';

function readDialect(): Dialect {
  const raw = process.env.E2E_DIALECT ?? 'classic';
  if (raw !== 'classic' && raw !== 'v2') throw new Error(`E2E_DIALECT must be classic or v2 (got "${raw}")`);
  return raw;
}

export const DIALECT: Dialect = readDialect();

const ROUTES = {
  classic: {
    me: 'GET /users/current',
    list: 'GET /requests',
    search: 'GET /requests/search',
    show: 'GET /requests/:id',
    create: 'POST /requests',
    reply: 'PUT /requests/:id',
  },
  v2: {
    me: 'GET /api/v2/users/me',
    list: 'GET /api/v2/requests',
    search: 'GET /api/v2/requests/search',
    show: 'GET /api/v2/requests/:id',
    create: 'POST /api/v2/requests',
    reply: 'PUT /api/v2/requests/:id',
  },
} as const;

/** The sandbox's route keys (for /_sandbox/faults and /_sandbox/calls) of the portal's calls. */
export const ROUTE = ROUTES[DIALECT];

/**
 * The help desk calls one request page makes: classic reads the request with its comments in one
 * call; v2 reads the request and its comments, two endpoints, in parallel.
 */
export const REQUEST_PAGE_CALLS: Record<string, number> =
  DIALECT === 'v2' ? { [ROUTES.v2.show]: 1, 'GET /api/v2/requests/:id/comments': 1 } : { [ROUTES.classic.show]: 1 };

/**
 * How the page labels a reply by support (e2e/sandbox-admin.ts writes them as the sandbox's admin):
 * the author's name, in both dialects (v2 sideloads the author; the sandbox's classic view carries
 * <users>, its documented extension).
 */
export const SUPPORT_REPLY_LABEL = 'Sandbox Admin';

/** Field names of the agent's view in this dialect's answers, none of which may reach a page. */
export const AGENT_FIELD_NAMES: readonly string[] =
  DIALECT === 'v2'
    ? ['assignee_id', 'group_id', 'custom_fields', 'submitter_id', '"public"', 'html_body']
    : ['priority-id', 'assignee-id', 'group-id', 'current-tags', 'is-public', 'ticket-field'];

/** The v2 tokens the sandbox is started with (SANDBOX_API_TOKEN, SANDBOX_OAUTH_TOKEN) and portals act with. */
export const E2E_API_TOKEN = 'e2e-only-api-token-0123456789abcdef';
export const E2E_OAUTH_TOKEN = 'e2e-only-oauth-token-0123456789abcdef';

/** What a portal needs to act on behalf of customers in this dialect (classic: the agent; v2: the API token). */
export const ON_BEHALF_OF_ENV: Record<string, string> =
  DIALECT === 'v2'
    ? { HELPDESK_API: 'v2', HELPDESK_API_TOKEN: E2E_API_TOKEN }
    : { HELPDESK_AGENT_EMAIL: 'agent@example.com', HELPDESK_AGENT_PASSWORD: 'agent-password' };

/**
 * The embed/SSO portal's credential: in v2 the OAuth token. With an API token the help desk answers
 * an unknown email with the same 401 as a bad token (`email/token:` names the user), so SSO could
 * not tell "no support account" from "the portal's credential is refused"; impersonation answers
 * an unknown email with a 403 of its own.
 */
export const EMBED_ON_BEHALF_OF_ENV: Record<string, string> =
  DIALECT === 'v2' ? { HELPDESK_API: 'v2', HELPDESK_OAUTH_TOKEN: E2E_OAUTH_TOKEN } : ON_BEHALF_OF_ENV;

/**
 * What every portal of this run needs for its dialect, beside HELPDESK_URL. In v2 the sandbox, as
 * Zendesk, redirects a file download to its file host, the same server under its other name
 * (sandbox/file-host.ts), which the portal may follow (HELPDESK_FILE_ORIGINS).
 */
export const DIALECT_ENV: Record<string, string> =
  DIALECT === 'v2' ? { HELPDESK_API: 'v2', HELPDESK_FILE_ORIGINS: `http://localhost:${SANDBOX_PORT}` } : {};
