import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { mock } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildSandbox, DEFAULT_ADMIN } from '../../../sandbox/app';
import { DEMO_USERS } from '../../../sandbox/demo';
import { captureLogs } from '../../platform/log';
import { createClassicHelpdesk } from '../classic';
import type { Caller, Helpdesk } from '../types';
import { createV2Helpdesk } from '../v2';

/**
 * What the contract suites (contract*.test.ts) share: every adapter under test, and the real bundled
 * sandbox (in-process, in memory) they all run against, the way lib/platform/test/shared-state.test.ts
 * runs one suite on memory and on Redis. A new adapter is one more entry in ADAPTERS.
 */
export interface AdapterUnderTest {
  name: string;
  /** End-user mode: calls as the customer with their password. */
  endUser: () => Helpdesk;
  /** On-behalf-of modes (by name), each acting for customers without their password. */
  onBehalfOf: Record<string, () => Helpdesk>;
}

export const CLASSIC: AdapterUnderTest = {
  name: 'classic',
  endUser: () => createClassicHelpdesk({ agent: null }),
  onBehalfOf: { agent: () => createClassicHelpdesk({ agent: { email: DEMO_USERS.agent.email, password: DEMO_USERS.agent.password } }) },
};

/** The v2 credentials the portal acts with, made through the sandbox's admin API in startSandbox(). */
const v2Tokens = { apiToken: '', oauthToken: '' };

export const V2: AdapterUnderTest = {
  name: 'v2',
  endUser: () => createV2Helpdesk({ token: null }),
  onBehalfOf: {
    'API token': () => createV2Helpdesk({ token: { kind: 'api-token', token: v2Tokens.apiToken } }),
    'OAuth token with impersonate': () => createV2Helpdesk({ token: { kind: 'oauth', token: v2Tokens.oauthToken } }),
  },
};

export const ADAPTERS: AdapterUnderTest[] = [CLASSIC, V2];

export const basicHeader = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
export const ADMIN_XML_HEADERS = { authorization: basicHeader(DEFAULT_ADMIN.email, DEFAULT_ADMIN.password), 'content-type': 'application/xml' };
export const AGENT_XML_HEADERS = { authorization: basicHeader(DEMO_USERS.agent.email, DEMO_USERS.agent.password), 'content-type': 'application/xml' };

/** An admin call to the sandbox's v2 API (`POST /api/v2/api_tokens.json`, `POST /api/v2/oauth/tokens.json`). */
async function adminPost(path: string, body: unknown): Promise<Record<string, Record<string, unknown>>> {
  const response = await fetch(`${process.env.HELPDESK_URL}${path}`, {
    method: 'POST',
    headers: { Authorization: basicHeader(DEFAULT_ADMIN.email, DEFAULT_ADMIN.password), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 201, `${path}: ${response.status}`);
  return (await response.json()) as Record<string, Record<string, unknown>>;
}

/** Starts the sandbox on a free port, points the portal's config at it, and makes the v2 tokens. */
export async function startSandbox(): Promise<FastifyInstance> {
  const sandbox = await buildSandbox({ dbPath: ':memory:', demo: true });
  await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const { port } = sandbox.server.address() as AddressInfo;
  // Read once, on the first help desk call (lib/platform/config.ts).
  process.env.HELPDESK_URL = `http://127.0.0.1:${port}`;
  process.env.HELPDESK_TIMEOUT_MS = '5000';
  // v2 downloads are redirected to the sandbox's file host, its other name (sandbox/file-host.ts).
  process.env.HELPDESK_FILE_ORIGINS = `http://localhost:${port}`;
  process.env.SESSION_SECRET = 'test-secret-test-secret-test-secret-1234';
  mock.method(console, 'warn', () => {});
  captureLogs([]);
  v2Tokens.apiToken = String((await adminPost('/api/v2/api_tokens.json', { api_token: { description: 'contract suite' } })).api_token?.token);
  // The reference's answer: `token` is the first 10 characters, `full_token` the one to use.
  v2Tokens.oauthToken = String((await adminPost('/api/v2/oauth/tokens.json', { token: { client_id: 1, scopes: ['read', 'write', 'impersonate'] } })).token?.full_token);
  return sandbox;
}

/** Signs a customer in with their password, as the sign-in form does, and gives the caller. */
export async function signIn(helpdesk: Helpdesk, user: { email: string; password: string }): Promise<Caller> {
  const requester = await helpdesk.whoAmI(helpdesk.passwordCredentials(user.email, user.password));
  const caller = helpdesk.callerFor({ requester, password: user.password });
  assert.ok(caller);
  return caller;
}

/** The agent's hands on a ticket (classic PUT /tickets/{id}.xml): assign, set type, priority or status, reply or note. */
export async function agentUpdate(sandbox: FastifyInstance, id: string, fieldsXml: string): Promise<void> {
  const answer = await sandbox.inject({ method: 'PUT', url: `/tickets/${id}.xml`, headers: AGENT_XML_HEADERS, payload: `<ticket>${fieldsXml}</ticket>` });
  assert.equal(answer.statusCode, 200, answer.body);
}
