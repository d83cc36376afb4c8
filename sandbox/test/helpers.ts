// Shared test helpers: a fresh in-memory sandbox, callers by name, and small
// readers for XML answers.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildSandbox } from '../app';
import { parseXml, type XmlElement } from '../xml';

export const USERS = {
  admin: { email: 'admin@example.com', password: 'admin-password' },
  agent: { email: 'agent@example.com', password: 'agent-password' },
  alice: { email: 'alice@example.com', password: 'alice-password' },
  bob: { email: 'bob@example.com', password: 'bob-password' },
} as const;
export type Who = keyof typeof USERS;

export function freshApp(opts: { demo?: boolean; dbPath?: string } = {}): Promise<FastifyInstance> {
  return buildSandbox({ dbPath: opts.dbPath ?? ':memory:', demo: opts.demo ?? true });
}

export function basic(email: string, password: string): string {
  return `Basic ${Buffer.from(`${email}:${password}`, 'utf8').toString('base64')}`;
}

export interface CallOptions {
  /** A demo user, explicit credentials, or nobody (no Authorization header). */
  as?: Who | { email: string; password: string };
  onBehalfOf?: string;
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export async function call(app: FastifyInstance, method: string, url: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.as) {
    const c = typeof opts.as === 'string' ? USERS[opts.as] : opts.as;
    headers['authorization'] = basic(c.email, c.password);
  }
  if (opts.onBehalfOf) headers['x-on-behalf-of'] = opts.onBehalfOf;
  if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/xml';
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(opts.body !== undefined ? { payload: opts.body } : {}),
  });
  return { status: res.statusCode, headers: res.headers, body: res.body };
}

export function xml(answer: Answer): XmlElement {
  assert.match(String(answer.headers['content-type']), /^application\/xml; charset=utf-8$/);
  return parseXml(answer.body);
}

export function child(e: XmlElement, name: string): XmlElement {
  const found = e.children.find((c) => c.name === name);
  assert.ok(found, `<${e.name}> has no <${name}>; has ${e.children.map((c) => c.name).join(', ')}`);
  return found;
}

export const text = (e: XmlElement, name: string): string => child(e, name).text;
export const names = (e: XmlElement): string[] => e.children.map((c) => c.name);

/** The single error message of an `<errors>` answer. */
export function errorOf(answer: Answer): string {
  const root = xml(answer);
  assert.equal(root.name, 'errors');
  assert.equal(root.children.length, 1);
  assert.equal(root.children[0]?.name, 'error');
  return root.children[0]!.text;
}

export function expectError(answer: Answer, status: number, message?: RegExp): void {
  assert.equal(answer.status, status, `expected ${status}, got ${answer.status}: ${answer.body}`);
  const msg = errorOf(answer);
  if (message) assert.match(msg, message);
}

/** Creates an end user through POST /users as the admin; returns its id. */
export async function createEndUser(app: FastifyInstance, email: string, password: string, name = 'Test User'): Promise<number> {
  const res = await call(app, 'POST', '/users.xml', {
    as: 'admin',
    body: `<user><name>${name}</name><email>${email}</email><password>${password}</password><roles>0</roles></user>`,
  });
  assert.equal(res.status, 201, res.body);
  return Number(text(xml(res), 'id'));
}

export async function createRequest(app: FastifyInstance, as: CallOptions['as'], subject: string, description = 'Details'): Promise<number> {
  const res = await call(app, 'POST', '/requests.xml', {
    as,
    body: `<ticket><subject>${subject}</subject><description>${description}</description></ticket>`,
  });
  assert.equal(res.status, 201, res.body);
  return Number(text(xml(res), 'nice-id'));
}

/** A sandbox on a temp file, plus a second read-only connection to count rows
 * directly: proves that refused writes left nothing behind. */
export async function fileApp(): Promise<{
  app: FastifyInstance;
  dbPath: string;
  counts: () => { tickets: number; comments: number; users: number; fields: number };
  cleanup: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-test-'));
  const dbPath = join(dir, 'sandbox.db');
  const app = await freshApp({ dbPath });
  const peek = new Database(dbPath, { readonly: true });
  const n = (table: string) => (peek.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    app,
    dbPath,
    counts: () => ({ tickets: n('tickets'), comments: n('comments'), users: n('users'), fields: n('ticket_field_entries') }),
    cleanup: async () => {
      peek.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------
// The v2 (JSON) dialect

/** Authorization header values for the v2 modes. */
export const v2Auth = {
  password: (who: Who) => basic(USERS[who].email, USERS[who].password),
  apiToken: (email: string, token: string) => basic(`${email}/token`, token),
  bearer: (token: string) => `Bearer ${token}`,
};

export interface V2CallOptions {
  /** The Authorization header value; a demo user name means their password. */
  auth?: Who | string;
  onBehalfOf?: string;
  json?: unknown;
  headers?: Record<string, string>;
}

export async function v2call(app: FastifyInstance, method: string, url: string, opts: V2CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.auth) headers['authorization'] = opts.auth in USERS ? v2Auth.password(opts.auth as Who) : opts.auth;
  if (opts.onBehalfOf) headers['x-on-behalf-of'] = opts.onBehalfOf;
  if (opts.json !== undefined) headers['content-type'] ??= 'application/json';
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(opts.json !== undefined ? { payload: JSON.stringify(opts.json) } : {}),
  });
  return { status: res.statusCode, headers: res.headers, body: res.body };
}

/** The parsed JSON of a v2 answer, checking its content type. */
export function json<T = Record<string, unknown>>(answer: Answer): T {
  assert.match(String(answer.headers['content-type']), /^application\/json; charset=utf-8$/, answer.body);
  return JSON.parse(answer.body) as T;
}

/** A v2 error answer: status and the `error` name, and optionally its description. */
export function expectV2Error(answer: Answer, status: number, error: string, description?: RegExp): Record<string, unknown> {
  assert.equal(answer.status, status, `expected ${status}, got ${answer.status}: ${answer.body}`);
  const body = json(answer);
  assert.equal(body['error'], error, answer.body);
  if (description) assert.match(String(body['description']), description);
  return body;
}

/** An OAuth access token made by the admin; returns the full token. */
export async function createOAuthToken(app: FastifyInstance, scopes: string[], userId?: number): Promise<string> {
  const res = await v2call(app, 'POST', '/api/v2/oauth/tokens.json', { auth: 'admin', json: { token: { scopes, ...(userId ? { user_id: userId } : {}) } } });
  assert.equal(res.status, 201, res.body);
  return json<{ token: { full_token: string } }>(res).token.full_token;
}

/** An API token made by the admin; returns the token. */
export async function createApiToken(app: FastifyInstance, description = 'test'): Promise<string> {
  const res = await v2call(app, 'POST', '/api/v2/api_tokens.json', { auth: 'admin', json: { api_token: { description } } });
  assert.equal(res.status, 201, res.body);
  return json<{ api_token: { token: string } }>(res).api_token.token;
}

/** An end user made through POST /api/v2/users; returns its id. */
export async function createV2EndUser(app: FastifyInstance, email: string, password: string, opts: { verified?: boolean; name?: string } = {}): Promise<number> {
  const res = await v2call(app, 'POST', '/api/v2/users.json', {
    auth: 'admin',
    json: { user: { name: opts.name ?? 'Test User', email, password, role: 'end-user', ...(opts.verified === undefined ? {} : { verified: opts.verified }) } },
  });
  assert.equal(res.status, 201, res.body);
  return json<{ user: { id: number } }>(res).user.id;
}
