import assert from 'node:assert/strict';
import { after, afterEach, before, mock } from 'node:test';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call as the fake help desk saw it. */
export interface SeenCall {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's exact bytes (a file is not UTF-8). */
  bytes: Buffer;
}

type Handler = (req: IncomingMessage, res: ServerResponse, call: SeenCall, index: number) => void;

/**
 * A throwaway help desk on 127.0.0.1:0 for client tests. Each test sets `handler`; `calls` records
 * what arrived, so a test can count attempts and check headers.
 */
export class FakeHelpdesk {
  handler: Handler = (_req, res) => res.writeHead(500).end();
  calls: SeenCall[] = [];
  /** TCP connections opened so far: fewer than calls means keep-alive works. */
  connections = 0;
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const call = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: bytes.toString('utf8'), bytes };
      this.calls.push(call);
      this.handler(req, res, call, this.calls.length - 1);
    });
  });

  constructor() {
    this.server.on('connection', () => this.connections++);
  }

  /** Starts listening and points the portal's config at it (read lazily on the first call). */
  async start(env: { timeoutMs: number }): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    process.env.HELPDESK_URL = url;
    process.env.HELPDESK_TIMEOUT_MS = String(env.timeoutMs);
    // Without a secret, config would write a generated one into .data/.
    process.env.SESSION_SECRET = 'test-secret-test-secret-test-secret-1234';
    return url;
  }

  reset(handler: Handler): void {
    this.handler = handler;
    this.calls = [];
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const xmlReply = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'Content-Type': 'application/xml; charset=utf-8', ...headers }).end(body);

/** The error a call to the help desk failed with; the test fails if the call succeeds. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail');
}

/**
 * The lifecycle every adapter suite gives its fake help desk: started once (help desk warnings
 * silenced), answering 500 between tests unless a test says otherwise, stopped at the end.
 */
export function runFakeHelpdesk(helpdesk: FakeHelpdesk, timeoutMs: number): void {
  before(async () => {
    await helpdesk.start({ timeoutMs });
    mock.method(console, 'warn', () => {});
  });
  afterEach(() => helpdesk.reset((_req, res) => res.writeHead(500).end()));
  after(() => helpdesk.stop());
}
