// Reading the SANDBOX_* environment. A bad value stops start-up with a
// message that names the variable, rather than starting with a surprise.
import { DEFAULT_ADMIN } from './app';
import { DEFAULT_MAX_UPLOAD_BYTES } from './uploads';
import { DEFAULT_RATE_LIMIT } from './v2/rate-limit';

export interface SandboxConfig {
  dbPath: string;
  port: number;
  host: string;
  adminEmail: string;
  adminPassword: string;
  demo: boolean;
  logger: boolean;
  rateLimit: number;
  apiToken?: string;
  oauthToken?: string;
  maxUploadBytes: number;
  /** The SMTP server's port (SANDBOX_SMTP_PORT; default the sandbox's port + 5), or null: `off`. */
  smtpPort: number | null;
}

export class ConfigError extends Error {}

/** Plain record rather than NodeJS.ProcessEnv, which Next's types extend with required keys. */
type Env = Record<string, string | undefined>;

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(`${name} must be 1 or 0 (got "${raw}")`);
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') throw new ConfigError(`${name} must not be empty`);
  return raw;
}

function rateLimit(env: Env): number {
  const raw = env['SANDBOX_RATE_LIMIT'];
  if (raw === undefined || raw === '') return DEFAULT_RATE_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new ConfigError(`SANDBOX_RATE_LIMIT must be a whole number of calls per minute from 1 (got "${raw}")`);
  }
  return Number(raw);
}

function maxUploadBytes(env: Env): number {
  const raw = env['SANDBOX_MAX_UPLOAD_BYTES'];
  if (raw === undefined || raw === '') return DEFAULT_MAX_UPLOAD_BYTES;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new ConfigError(`SANDBOX_MAX_UPLOAD_BYTES must be a whole number of bytes from 1 (got "${raw}")`);
  }
  return Number(raw);
}

/** A token secret chosen at start: at least 16 printable characters without spaces, or unset. */
function tokenSecret(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^[\x21-\x7e]{16,200}$/.test(raw)) throw new ConfigError(`${name} must be 16 to 200 printable characters without spaces`);
  return raw;
}

/** The mail server's port: SANDBOX_SMTP_PORT, `off` for none, or by default 5 above the sandbox's (0 stays 0: a free one). */
function smtpPort(env: Env, port: number): number | null {
  const raw = env['SANDBOX_SMTP_PORT'];
  if (raw === undefined || raw === '') return port === 0 ? 0 : port + 5 <= 65535 ? port + 5 : 0;
  if (raw === 'off') return null;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new ConfigError(`SANDBOX_SMTP_PORT must be a port number from 0 to 65535, or off (got "${raw}")`);
  return Number(raw);
}

export function readConfig(env: Env): SandboxConfig {
  const portRaw = env['SANDBOX_PORT'] ?? '4080';
  if (!/^\d+$/.test(portRaw) || Number(portRaw) > 65535) {
    throw new ConfigError(`SANDBOX_PORT must be a port number from 0 to 65535 (got "${portRaw}")`);
  }
  const adminEmail = nonEmpty(env, 'SANDBOX_ADMIN_EMAIL', DEFAULT_ADMIN.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) throw new ConfigError(`SANDBOX_ADMIN_EMAIL must be an email address (got "${adminEmail}")`);
  return {
    dbPath: nonEmpty(env, 'SANDBOX_DB', '.data/sandbox.db'),
    port: Number(portRaw),
    host: nonEmpty(env, 'SANDBOX_HOST', '127.0.0.1'),
    adminEmail,
    adminPassword: nonEmpty(env, 'SANDBOX_ADMIN_PASSWORD', DEFAULT_ADMIN.password),
    demo: flag(env, 'SANDBOX_DEMO', true),
    logger: flag(env, 'SANDBOX_LOG', false),
    rateLimit: rateLimit(env),
    apiToken: tokenSecret(env, 'SANDBOX_API_TOKEN'),
    oauthToken: tokenSecret(env, 'SANDBOX_OAUTH_TOKEN'),
    maxUploadBytes: maxUploadBytes(env),
    smtpPort: smtpPort(env, Number(portRaw)),
  };
}
