import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { after, afterEach, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { captureLogs } from '../../platform/log';
import { classicCodec } from '../classic';
import { basicAuth, helpdeskFetch, helpdeskFetchBytes, MAX_RESPONSE_BYTES, parseRetryAfter, type HelpdeskMethod } from '../transport';
import { v2Codec } from '../v2';
import {
  HelpdeskBadResponseError,
  HelpdeskError,
  HelpdeskForbiddenError,
  HelpdeskNotFoundError,
  HelpdeskRateLimitedError,
  HelpdeskTimeoutError,
  HelpdeskUnauthorizedError,
  HelpdeskUnavailableError,
  HelpdeskValidationError,
  isHelpdeskError,
} from '../errors';
import { failure, FakeHelpdesk, xmlReply } from './fake-helpdesk';

const TIMEOUT_MS = 2_500;
const helpdesk = new FakeHelpdesk();
type Auth = Record<string, string>;
const endUser: Auth = { Authorization: basicAuth('ann@example.com', 'pä:ss wörd') };
const onBehalf: Auth = { Authorization: basicAuth('portal@example.com', 'agent-secret'), 'X-On-Behalf-Of': 'ann@example.com' };
/** The structured log lines written during a test, parsed. */
const logLines: string[] = [];
const logged = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
const hanging: ServerResponse[] = [];

before(async () => {
  await helpdesk.start({ timeoutMs: TIMEOUT_MS });
  captureLogs(logLines);
});
afterEach(() => {
  logLines.length = 0;
  for (const res of hanging.splice(0)) res.destroy();
});
after(() => helpdesk.stop());

const call = (method: HelpdeskMethod = 'GET', path = '/requests.xml', auth: Auth = endUser, body?: string) =>
  helpdeskFetch(path, { method, codec: classicCodec, auth, ...(body === undefined ? {} : { body }) });

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('status checks come before parsing', () => {
  const cases: [number, abstract new (...args: never[]) => HelpdeskError][] = [
    [401, HelpdeskUnauthorizedError],
    [403, HelpdeskForbiddenError],
    [404, HelpdeskNotFoundError],
    [429, HelpdeskRateLimitedError],
    [500, HelpdeskUnavailableError],
    [501, HelpdeskUnavailableError],
    [418, HelpdeskBadResponseError],
    [302, HelpdeskBadResponseError],
  ];
  for (const [status, errorClass] of cases) {
    test(`${status} → ${errorClass.name}, one call`, async () => {
      helpdesk.reset((_req, res) => res.writeHead(status, { Location: '/login', 'Content-Type': 'text/plain' }).end('not xml <'));
      const error = await failure(call());
      assert.ok(error instanceof errorClass, String(error));
      assert.ok(isHelpdeskError(error) && error.code.length > 0);
      assert.equal(helpdesk.calls.length, 1);
    });
  }

  test('400 and 422 carry the help desk messages, or a generic one when the body is not XML', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 422, '<errors><error>Subject can\'t be blank</error><error>Description is too long</error></errors>'));
    const error = await failure(call('POST', '/requests.xml', endUser, '<ticket/>'));
    assert.ok(error instanceof HelpdeskValidationError);
    assert.deepEqual(error.messages, ["Subject can't be blank", 'Description is too long']);

    helpdesk.reset((_req, res) => res.writeHead(400, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><h1>Bad request</h1>'));
    const generic = await failure(call('PUT', '/requests/1.xml', endUser, '<comment/>'));
    assert.ok(generic instanceof HelpdeskValidationError);
    // No reasons the portal can read: none passed on (the UI says something general).
    assert.deepEqual(generic.messages, []);
  });

  test('an HTML page: a 2xx is a bad response, a 502 is unavailable, a 404 is not found', async () => {
    const html = '<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>';
    helpdesk.reset((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html));
    assert.ok((await failure(call())) instanceof HelpdeskBadResponseError);
    helpdesk.reset((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end(html));
    const bad = await failure(call());
    assert.ok(bad instanceof HelpdeskUnavailableError && bad.status === 502);
    helpdesk.reset((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end(html));
    assert.ok((await failure(call())) instanceof HelpdeskNotFoundError);
  });

  test('a 2xx returns status, headers and the exact UTF-8 text, even split mid-character', async () => {
    const body = Buffer.from('<ticket><subject>日本語 😀</subject></ticket>', 'utf8');
    helpdesk.reset((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/xml', Location: '/requests/9.xml' });
      res.write(body.subarray(0, 20)); // inside 日
      setTimeout(() => res.end(body.subarray(20)), 5);
    });
    const answer = await call('POST', '/requests.xml', endUser, '<ticket/>');
    assert.equal(answer.status, 201);
    assert.equal(answer.headers.get('location'), '/requests/9.xml');
    assert.equal(answer.text, body.toString('utf8'));
  });
});

describe('headers', () => {
  test('end user: Basic auth with their credentials, Accept XML, nothing else', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<ok/>'));
    await call();
    const [seen] = helpdesk.calls;
    assert.equal(seen?.headers.authorization, `Basic ${Buffer.from('ann@example.com:pä:ss wörd', 'utf8').toString('base64')}`);
    assert.equal(seen?.headers.accept, 'application/xml');
    assert.equal(seen?.headers['x-on-behalf-of'], undefined);
    assert.equal(seen?.headers['content-type'], undefined);
  });

  test('on behalf of: the agent credentials plus X-On-Behalf-Of; a body goes out as UTF-8 XML', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 201, ''));
    const body = '<ticket><subject>Grüße 😀</subject><description>x</description></ticket>';
    await call('POST', '/requests.xml', onBehalf, body);
    const [seen] = helpdesk.calls;
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.headers.authorization, `Basic ${Buffer.from('portal@example.com:agent-secret').toString('base64')}`);
    assert.equal(seen?.headers['x-on-behalf-of'], 'ann@example.com');
    assert.equal(seen?.headers['content-type'], 'application/xml; charset=utf-8');
    assert.equal(seen?.body, body);
  });

  test('connections are kept alive between calls', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<ok/>'));
    const before = helpdesk.connections;
    for (let i = 0; i < 5; i++) await call();
    assert.ok(helpdesk.connections - before <= 1, `${helpdesk.connections - before} new connections for 5 calls`);
  });
});

describe('codecs and bodies', () => {
  test('the v2 codec: Accept JSON, a body goes out as UTF-8 JSON, a 422 gives the detail descriptions', async () => {
    const refusal = {
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { base: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] },
    };
    helpdesk.reset((_req, res) => res.writeHead(422, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(refusal)));
    const body = JSON.stringify({ request: { comment: { body: 'Grüße 😀' } } });
    const error = await failure(helpdeskFetch('/api/v2/requests/1.json', { method: 'PUT', codec: v2Codec, auth: endUser, body }));
    assert.ok(error instanceof HelpdeskValidationError);
    assert.deepEqual(error.messages, ['Description: cannot be blank']);
    const [seen] = helpdesk.calls;
    assert.equal(seen?.headers.accept, 'application/json');
    assert.equal(seen?.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(seen?.body, body);
  });

  test('bytes: the same checks, the exact bytes back (for attachments)', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]);
    helpdesk.reset((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(bytes));
    const answer = await helpdeskFetchBytes('/attachments/1', { method: 'GET', codec: v2Codec, auth: endUser });
    assert.deepEqual(Buffer.from(answer.bytes), bytes);
    helpdesk.reset((_req, res) => res.writeHead(404).end());
    assert.ok((await failure(helpdeskFetchBytes('/attachments/2', { method: 'GET', codec: v2Codec, auth: endUser }))) instanceof HelpdeskNotFoundError);
  });
});

describe('retries: GETs only, bounded', () => {
  test('a GET is retried on 503 and then succeeds', async () => {
    helpdesk.reset((_req, res, _call, index) => (index === 0 ? res.writeHead(503).end() : xmlReply(res, 200, '<ok/>')));
    const { value, ms } = await timed(() => call());
    assert.equal(value.text, '<ok/>');
    assert.equal(helpdesk.calls.length, 2);
    assert.ok(ms >= 150 && ms < 1_000, `waited ${ms} ms`);
    assert.equal(logLines.length, 1);
    const { level, msg, event, method, path, status, code, attempt, maxAttempts, retryInMs, durationMs } = logged()[0] ?? {};
    assert.deepEqual(
      { level, msg, event, method, path, status, code, attempt, maxAttempts },
      { level: 'warn', msg: 'help desk call failed, retrying', event: 'helpdesk_call', method: 'GET', path: '/requests.xml', status: 503, code: 'unavailable', attempt: 1, maxAttempts: 3 },
    );
    assert.ok(typeof retryInMs === 'number' && retryInMs >= 150 && typeof durationMs === 'number', `${retryInMs} ${durationMs}`);
  });

  test('a GET is retried when the connection drops', async () => {
    helpdesk.reset((req, res, _call, index) => (index === 0 ? req.socket.destroy() : xmlReply(res, 200, '<ok/>')));
    assert.equal((await call()).text, '<ok/>');
    assert.equal(helpdesk.calls.length, 2);
    assert.deepEqual(
      logged().map(({ method, path, status, code, msg }) => ({ method, path, status, code, msg })),
      [{ method: 'GET', path: '/requests.xml', status: null, code: 'unavailable', msg: 'help desk call failed, retrying' }],
    );
  });

  test('502/503/504 three times: unavailable after three attempts, well under the deadline', async () => {
    const statuses = [502, 504, 503];
    helpdesk.reset((_req, res, _call, index) => res.writeHead(statuses[index] ?? 500).end());
    const { value: error, ms } = await timed(() => failure(call()));
    assert.ok(error instanceof HelpdeskUnavailableError && error.status === 503);
    assert.equal(helpdesk.calls.length, 3);
    assert.ok(ms < 1_000, `took ${ms} ms`);
    assert.deepEqual(
      logged().map(({ status, attempt, msg }) => ({ status, attempt, msg })),
      [
        { status: 502, attempt: 1, msg: 'help desk call failed, retrying' },
        { status: 504, attempt: 2, msg: 'help desk call failed, retrying' },
        { status: 503, attempt: 3, msg: 'help desk call failed' },
      ],
    );
  });

  test('Retry-After within the bound is honoured', async () => {
    helpdesk.reset((_req, res, _call, index) => (index === 0 ? res.writeHead(429, { 'Retry-After': '1' }).end() : xmlReply(res, 200, '<ok/>')));
    const { ms } = await timed(() => call());
    assert.equal(helpdesk.calls.length, 2);
    assert.ok(ms >= 1_000 && ms < 2_000, `waited ${ms} ms`);
  });

  test('Retry-After beyond the bound fails fast and says when', async () => {
    helpdesk.reset((_req, res) => res.writeHead(429, { 'Retry-After': '3' }).end());
    const { value: limited, ms } = await timed(() => failure(call()));
    assert.ok(limited instanceof HelpdeskRateLimitedError && limited.retryAfterSeconds === 3);
    assert.equal(helpdesk.calls.length, 1);
    assert.ok(ms < 500, `took ${ms} ms`);

    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    helpdesk.reset((_req, res) => res.writeHead(503, { 'Retry-After': inTenSeconds }).end());
    const unavailable = await failure(call());
    assert.ok(unavailable instanceof HelpdeskUnavailableError);
    assert.ok(unavailable.retryAfterSeconds !== null && unavailable.retryAfterSeconds >= 9 && unavailable.retryAfterSeconds <= 10);
    assert.equal(helpdesk.calls.length, 1);
  });

  test('a 429 without Retry-After is not retried', async () => {
    helpdesk.reset((_req, res) => res.writeHead(429).end());
    const error = await failure(call());
    assert.ok(error instanceof HelpdeskRateLimitedError && error.retryAfterSeconds === null);
    assert.equal(helpdesk.calls.length, 1);
  });

  for (const method of ['POST', 'PUT', 'DELETE'] as const) {
    test(`${method} is never retried: one call on 503, 429 with Retry-After, or a dropped connection`, async () => {
      helpdesk.reset((_req, res) => res.writeHead(503).end());
      assert.ok((await failure(call(method, '/requests/1.xml', endUser, '<comment/>'))) instanceof HelpdeskUnavailableError);
      assert.equal(helpdesk.calls.length, 1);

      helpdesk.reset((_req, res) => res.writeHead(429, { 'Retry-After': '1' }).end());
      assert.ok((await failure(call(method, '/requests/1.xml', endUser, '<comment/>'))) instanceof HelpdeskRateLimitedError);
      assert.equal(helpdesk.calls.length, 1);

      helpdesk.reset((req) => req.socket.destroy());
      assert.ok((await failure(call(method, '/requests/1.xml', endUser, '<comment/>'))) instanceof HelpdeskUnavailableError);
      assert.equal(helpdesk.calls.length, 1);
      assert.deepEqual(
        logged().map(({ level, method: m, path, status, code, attempt, msg }) => ({ level, m, path, status, code, attempt, msg })).at(-1),
        { level: 'warn', m: method, path: '/requests/1.xml', status: null, code: 'unavailable', attempt: 1, msg: 'help desk call failed' },
      );
    });
  }

  test('log lines never carry credentials or bodies', async () => {
    helpdesk.reset((_req, res) => res.writeHead(401).end());
    await failure(call('POST', '/requests.xml', onBehalf, '<ticket><subject>private words</subject></ticket>'));
    await failure(helpdeskFetch('/requests.xml?page=2&status=solved', { method: 'GET', codec: classicCodec, auth: endUser, requesterId: '42' }));
    const text = logLines.join('\n');
    assert.deepEqual(
      logged().map(({ level, method, path, status, code, requesterId }) => ({ level, method, path, status, code, requesterId })),
      [
        // A refused sign-in is part of normal use: info, not a warning.
        { level: 'info', method: 'POST', path: '/requests.xml', status: 401, code: 'unauthorized', requesterId: undefined },
        // The requester is named by id, never by email.
        { level: 'info', method: 'GET', path: '/requests.xml', status: 401, code: 'unauthorized', requesterId: '42' },
      ],
    );
    for (const secret of ['agent-secret', 'pä:ss', 'private words', 'Basic', 'ann@example.com', 'portal@example.com', 'page=2', Buffer.from('portal@example.com:agent-secret').toString('base64')]) {
      assert.ok(!text.includes(secret), `log leaks ${secret}`);
    }
  });
});

describe('size cap', () => {
  test('a declared Content-Length over the cap is refused without reading', async () => {
    helpdesk.reset((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': String(MAX_RESPONSE_BYTES + 1) });
      res.write('<tickets>'); // and then nothing: reading it whole would hang until the deadline
      hanging.push(res);
    });
    const { value: error, ms } = await timed(() => failure(call()));
    assert.ok(error instanceof HelpdeskBadResponseError, String(error));
    assert.ok(ms < 500, `took ${ms} ms`);
  });

  test('an endless body is cut off once it passes the cap', async () => {
    helpdesk.reset((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let closed = false;
      res.on('close', () => (closed = true));
      const pump = () => {
        while (!closed && res.write(chunk));
        if (!closed) res.once('drain', pump);
      };
      pump();
    });
    const { value: error, ms } = await timed(() => failure(call()));
    assert.ok(error instanceof HelpdeskBadResponseError, String(error));
    assert.match((error as Error).message, /larger than/);
    assert.ok(ms < 1_500, `took ${ms} ms`);
  });
});

describe('deadlines and cancellation', () => {
  test('no answer → HelpdeskTimeoutError at the deadline, not retried', async () => {
    helpdesk.reset((_req, res) => hanging.push(res));
    const { value: error, ms } = await timed(() => failure(call()));
    assert.ok(error instanceof HelpdeskTimeoutError, String(error));
    assert.equal(helpdesk.calls.length, 1);
    assert.ok(ms >= TIMEOUT_MS - 50 && ms < TIMEOUT_MS + 1_000, `took ${ms} ms`);
  });

  test('a caller that gives up gets its own abort reason back, not a help desk error', async () => {
    helpdesk.reset((_req, res) => hanging.push(res));
    const controller = new AbortController();
    const reason = new Error('navigated away');
    setTimeout(() => controller.abort(reason), 30);
    const error = await failure(helpdeskFetch('/requests.xml', { method: 'GET', codec: classicCodec, auth: endUser, signal: controller.signal }));
    assert.equal(error, reason);
  });
});

describe('memory', () => {
  // A timer holds on to the async context it was made in; under Next that context is the whole
  // request, so a call's deadline timer left running kept every answered page view in memory for
  // HELPDESK_TIMEOUT_MS (2.5 s here, 10 s by default).
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  test('an answered call keeps nothing of the request it ran in: its deadline timer is gone with it', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, '<requests type="array"></requests>'));
    // The connection the next call reuses, opened outside the request (a socket, too, keeps the context it was opened in).
    await call();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const connections = helpdesk.connections;
    const request = new AsyncLocalStorage<{ page: string[] }>();
    const seen = await (async () => {
      const store = { page: Array.from({ length: 1_000 }, (_, i) => `row ${i}`) };
      await request.run(store, () => call());
      return new WeakRef(store);
    })();
    // A WeakRef's target lives at least until the current job ends, then a full collection decides.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    assert.equal(helpdesk.connections, connections, 'the call reused the open connection');
    assert.equal(seen.deref(), undefined, 'the request is garbage once its call is answered, long before the deadline');
  });
});

test('Retry-After: seconds or an HTTP date', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');
  assert.equal(parseRetryAfter(null, now), null);
  assert.equal(parseRetryAfter(' 7 ', now), 7);
  assert.equal(parseRetryAfter('Wed, 01 May 2024 10:00:05 GMT', now), 5);
  assert.equal(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), null);
});
