import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseOriginList } from '../embed/origins';
import { parseFileOrigins, type FileOrigin } from '../helpdesk/file-origins';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, parseBlockedExtensions, type AttachmentRules } from '../attachments/rules';

/**
 * Every setting Portico reads, validated once. A wrong value stops start-up with a message that
 * names the variable, instead of failing later on the first customer's request.
 */
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** pino's levels; `silent` turns Portico's own log off (Next's server messages stay). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The log level for lib/platform/log.ts, which is created before (and must not depend on) the full
 * configuration. A wrong value falls back to `info` here; `parseConfig` rejects it at start-up.
 */
export function logLevelFrom(env: Record<string, string | undefined>): LogLevel {
  const value = env.LOG_LEVEL?.trim();
  return LOG_LEVELS.find((level) => level === value) ?? 'info';
}

/** The help desk APIs the portal speaks (lib/helpdesk/classic/, lib/helpdesk/v2/). */
export const HELPDESK_APIS = ['classic', 'v2'] as const;
export type HelpdeskApi = (typeof HELPDESK_APIS)[number];

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HELPDESK_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://helpdesk.example.com' })
        .default('http://127.0.0.1:4080'),
    ),
    // Which help desk API the portal speaks (lib/helpdesk/): the classic XML one or Zendesk's v2 JSON.
    HELPDESK_API: z.preprocess(emptyToUndefined, z.enum(HELPDESK_APIS, { message: `must be one of ${HELPDESK_APIS.join(', ')}` }).default('classic')),
    HELPDESK_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(120_000).default(10_000)),
    // Where the help desk may redirect the portal for a file's bytes (Zendesk's file host); lib/helpdesk/file-origins.ts.
    HELPDESK_FILE_ORIGINS: z.string().optional().transform((value, ctx) => {
      const result = parseFileOrigins(value);
      if (result.ok) return result.origins;
      for (const problem of result.problems) ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }),
    // How long the help desk's field and form definitions are kept (lib/helpdesk/field-cache.ts); 0: not kept.
    HELPDESK_FIELDS_TTL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(24 * 3600).default(300)),
    HELPDESK_AGENT_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
    HELPDESK_AGENT_PASSWORD: z.preprocess(emptyToUndefined, z.string().optional()),
    // v2's on-behalf-of mode: an API token (calls as `customer/token`) or an OAuth token with the impersonate scope.
    HELPDESK_API_TOKEN: z.preprocess(emptyToUndefined, z.string().trim().min(1).optional()),
    HELPDESK_OAUTH_TOKEN: z.preprocess(emptyToUndefined, z.string().trim().min(1).optional()),
    SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    // The secret being retired: sessions it sealed stay readable until they expire; new ones use SESSION_SECRET.
    SESSION_SECRET_PREVIOUS: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    SESSION_TTL_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(24 * 90).default(12)),
    // On-behalf-of mode: how often a session asks the help desk whether the customer's password changed.
    SESSION_RECHECK_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 3600).default(300)),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65_535).default(3000)),
    REDIS_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).optional()),
    // How many reverse proxies in front of the portal append to X-Forwarded-For (lib/session/login-limits.ts).
    TRUST_PROXY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(0)),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
    // Set by `npm start` when it runs the bundled sandbox: a local demo, not a deployment.
    PORTICO_LOCAL: z.string().optional(),
    PORTICO_INSECURE_COOKIES: z.string().optional(),
    // Embedding in other sites' pages and single sign-on from them (README: "Embed the portal").
    EMBED_ORIGINS: z.string().optional().transform((value, ctx) => {
      const result = parseOriginList(value);
      if (result.ok) return result.origins;
      for (const problem of result.problems) ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }),
    SSO_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    SSO_MAX_AGE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(10).max(3600).default(300)),
    SSO_CLOCK_SKEW_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(300).default(30)),
    // What a customer may attach (lib/attachments/rules.ts): a file's bytes, a message's files, refused extensions.
    ATTACHMENT_MAX_BYTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1024 ** 3, 'must be at most 1073741824 (1 GiB)').default(DEFAULT_MAX_BYTES)),
    ATTACHMENT_MAX_FILES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(50).default(DEFAULT_MAX_FILES)),
    ATTACHMENT_BLOCKED_EXTENSIONS: z.string().optional().transform((value, ctx) => {
      const result = parseBlockedExtensions(value);
      if (result.ok) return result.extensions;
      ctx.addIssue({ code: 'custom', message: result.problem });
      return z.NEVER;
    }),
    // The company's name on its agents' comments, instead of the catalog's "Agent".
    PORTAL_COMPANY_NAME: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .min(1)
        .max(60, 'must be at most 60 characters (it is a badge beside a name)')
        .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must be one line of text, without control characters')
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.HELPDESK_AGENT_EMAIL) !== Boolean(env.HELPDESK_AGENT_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.HELPDESK_AGENT_EMAIL ? 'HELPDESK_AGENT_PASSWORD' : 'HELPDESK_AGENT_EMAIL'],
        message: 'set both HELPDESK_AGENT_EMAIL and HELPDESK_AGENT_PASSWORD, or neither',
      });
    }
    if (env.HELPDESK_API === 'classic') {
      for (const name of ['HELPDESK_API_TOKEN', 'HELPDESK_OAUTH_TOKEN'] as const) {
        if (env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is for HELPDESK_API=v2; the classic API acts for customers with HELPDESK_AGENT_EMAIL and HELPDESK_AGENT_PASSWORD' });
      }
    } else {
      for (const name of ['HELPDESK_AGENT_EMAIL', 'HELPDESK_AGENT_PASSWORD'] as const) {
        if (env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is for HELPDESK_API=classic; with v2 the portal acts for customers with HELPDESK_API_TOKEN or HELPDESK_OAUTH_TOKEN' });
      }
      if (env.HELPDESK_API_TOKEN && env.HELPDESK_OAUTH_TOKEN) {
        ctx.addIssue({ code: 'custom', path: ['HELPDESK_OAUTH_TOKEN'], message: 'set HELPDESK_API_TOKEN or HELPDESK_OAUTH_TOKEN, not both' });
      }
    }
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET && !env.PORTICO_LOCAL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required in production (32+ random characters, e.g. `openssl rand -base64 32`)',
      });
    }
    const onBehalfOf = env.HELPDESK_API === 'classic' ? env.HELPDESK_AGENT_EMAIL && env.HELPDESK_AGENT_PASSWORD : env.HELPDESK_API_TOKEN || env.HELPDESK_OAUTH_TOKEN;
    if (env.SSO_SECRET && !onBehalfOf) {
      ctx.addIssue({
        code: 'custom',
        path: ['SSO_SECRET'],
        message:
          env.HELPDESK_API === 'classic'
            ? 'needs the on-behalf-of sign-in mode: set HELPDESK_AGENT_EMAIL and HELPDESK_AGENT_PASSWORD too (a single sign-on user has no help desk password)'
            : 'needs the on-behalf-of sign-in mode: set HELPDESK_API_TOKEN or HELPDESK_OAUTH_TOKEN too (a single sign-on user has no help desk password)',
      });
    }
    if (env.EMBED_ORIGINS.length > 0 && env.PORTICO_INSECURE_COOKIES === '1') {
      ctx.addIssue({
        code: 'custom',
        path: ['PORTICO_INSECURE_COOKIES'],
        message: 'cannot be used with EMBED_ORIGINS: browsers keep a cookie inside another site\'s frame only if it is Secure',
      });
    }
  });

export type SignInMode = 'end-user' | 'on-behalf-of';

export interface Config {
  helpdeskUrl: string;
  /** The help desk's API; only lib/helpdesk/index.ts reads it (pages ask the door's capabilities). */
  helpdeskApi: HelpdeskApi;
  helpdeskTimeoutMs: number;
  /** Where the help desk may redirect a file download (HELPDESK_FILE_ORIGINS): followed there without credentials. */
  helpdeskFileOrigins: FileOrigin[];
  /** How long field and form definitions are cached, in seconds (0: every use asks the help desk). */
  helpdeskFieldsTtlSeconds: number;
  /** Classic API, on-behalf-of sign-in mode only. */
  agent: { email: string; password: string } | null;
  /** v2 API, on-behalf-of sign-in mode only: how the portal acts for customers. */
  helpdeskToken: { kind: 'api-token' | 'oauth'; token: string } | null;
  signInMode: SignInMode;
  sessionSecret: string;
  /** Still accepted when reading a session cookie, never used to seal one (secret rotation). */
  sessionSecretPrevious: string | null;
  sessionTtlSeconds: number;
  /** On-behalf-of mode: at most one password-change check per session this often (lib/session/recheck.ts). */
  sessionRecheckSeconds: number;
  secureCookies: boolean;
  port: number;
  /** Shared state for several instances (lib/platform/shared-state.ts); null means in-process memory. */
  redisUrl: string | null;
  /** Trusted proxy hops in front of the portal: 0 means clients connect directly. */
  trustProxyHops: number;
  logLevel: LogLevel;
  /** Origins allowed to frame the portal (EMBED_ORIGINS), normalised; empty: only the portal itself. */
  embedOrigins: string[];
  /** Some other site may frame the portal: the session cookie is then partitioned (lib/session/cookie.ts). */
  embedding: boolean;
  /** Single sign-on with a JWT from the company's site (app/sso/); null when SSO_SECRET is unset. */
  sso: { secret: string; maxAgeSeconds: number; clockSkewSeconds: number } | null;
  /** What a customer may attach: checked in the browser before an upload and again on the server. */
  attachments: AttachmentRules;
  /** PORTAL_COMPANY_NAME: the badge on agents' comments; null means the catalog's "Agent". */
  companyName: string | null;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(`Portico cannot start: its configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Exported for tests; the app uses `getConfig()`. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const e = result.data;
  const agent =
    e.HELPDESK_AGENT_EMAIL && e.HELPDESK_AGENT_PASSWORD
      ? { email: e.HELPDESK_AGENT_EMAIL, password: e.HELPDESK_AGENT_PASSWORD }
      : null;
  const helpdeskToken = e.HELPDESK_API_TOKEN
    ? { kind: 'api-token' as const, token: e.HELPDESK_API_TOKEN }
    : e.HELPDESK_OAUTH_TOKEN
      ? { kind: 'oauth' as const, token: e.HELPDESK_OAUTH_TOKEN }
      : null;
  return {
    helpdeskUrl: e.HELPDESK_URL.replace(/\/+$/, ''),
    helpdeskApi: e.HELPDESK_API,
    helpdeskTimeoutMs: e.HELPDESK_TIMEOUT_MS,
    helpdeskFileOrigins: e.HELPDESK_FILE_ORIGINS,
    helpdeskFieldsTtlSeconds: e.HELPDESK_FIELDS_TTL_SECONDS,
    agent,
    helpdeskToken,
    signInMode: agent || helpdeskToken ? 'on-behalf-of' : 'end-user',
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(),
    sessionSecretPrevious: e.SESSION_SECRET_PREVIOUS ?? null,
    sessionTtlSeconds: Math.round(e.SESSION_TTL_HOURS * 3600),
    sessionRecheckSeconds: e.SESSION_RECHECK_SECONDS,
    // Browsers refuse Secure cookies over plain http except on localhost, so only production
    // (behind TLS) sets them; PORTICO_INSECURE_COOKIES lets a local production build run on http.
    // Inside another site's frame only a Secure cookie survives, so embedding always sets it
    // (Chromium accepts Secure cookies from http://localhost, which local runs and tests use).
    secureCookies: e.EMBED_ORIGINS.length > 0 || (e.NODE_ENV === 'production' && env.PORTICO_INSECURE_COOKIES !== '1'),
    port: e.PORT,
    redisUrl: e.REDIS_URL ?? null,
    trustProxyHops: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    embedOrigins: e.EMBED_ORIGINS,
    embedding: e.EMBED_ORIGINS.length > 0,
    sso: e.SSO_SECRET
      ? { secret: e.SSO_SECRET, maxAgeSeconds: e.SSO_MAX_AGE_SECONDS, clockSkewSeconds: e.SSO_CLOCK_SKEW_SECONDS }
      : null,
    attachments: { maxBytes: e.ATTACHMENT_MAX_BYTES, maxFiles: e.ATTACHMENT_MAX_FILES, blockedExtensions: e.ATTACHMENT_BLOCKED_EXTENSIONS },
    companyName: e.PORTAL_COMPANY_NAME ?? null,
  };
}

/**
 * Local runs get a generated secret kept in .data/ so sessions survive restarts; production must
 * bring its own (enforced above), because a secret on disk is not a secret.
 */
function localSessionSecret(): string {
  const file = path.join(process.cwd(), '.data', 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // `npm start`'s workers start at once, and all must seal with one secret: each writes its own
  // file whole, then links it into place, which only one of them can do; the others read the winner's.
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, secret, { mode: 0o600 });
  try {
    linkSync(mine, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  } finally {
    unlinkSync(mine);
  }
  console.warn(`[portico] SESSION_SECRET is not set: generated one for local use in ${file}.`);
  return secret;
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
