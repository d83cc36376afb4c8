import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, logLevelFrom, parseConfig } from '../config';
import { captureLogs, createLogger, logger, requestLogger } from '../log';

const SECRETS = {
  password: 'hunter2-password',
  cookie: 'portico_session=Fe26.2**sealed-cookie',
  setCookie: 'portico_session=Fe26.2**new-cookie; HttpOnly',
  token: 'one-time-form-token-123',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.payload.signature',
  authorization: 'Basic YWxpY2VAZXhhbXBsZS5jb206YWxpY2UtcGFzc3dvcmQ=',
  email: 'alice@example.com',
};

function collect(level: Parameters<typeof createLogger>[1] = 'trace') {
  const lines: string[] = [];
  return { lines, log: createLogger({ write: (line: string) => void lines.push(line) }, level) };
}

test('passwords, cookies, tokens, JWTs, authorization and emails never reach the log', () => {
  const { lines, log } = collect();
  const s = SECRETS;
  // Every place a careless call might put them: top level, in headers, two objects deep, in bindings.
  log.info({ password: s.password, token: s.token, jwt: s.jwt, email: s.email }, 'top level');
  log.warn({ headers: { authorization: s.authorization, cookie: s.cookie, 'set-cookie': s.setCookie, 'x-on-behalf-of': s.email } }, 'headers');
  log.error({ req: { headers: { Authorization: s.authorization, Cookie: s.cookie, 'Set-Cookie': s.setCookie } } }, 'nested');
  log.info({ caller: { auth: { password: s.password, agentPassword: s.password, userEmail: s.email } } }, 'auth');
  log.info({ form: { token: s.token, secret: s.jwt } }, 'form');
  log.child({ password: s.password, requesterId: '42' }).info({ session: { jwt: s.jwt } }, 'child');

  const text = lines.join('');
  assert.equal(lines.length, 6);
  for (const [name, value] of Object.entries(SECRETS)) assert.ok(!text.includes(value), `the log leaks the ${name}`);
  assert.ok(!text.includes('hunter2') && !text.includes('Fe26') && !text.includes('YWxpY2'), 'no fragment of a secret');
  // What is not secret stays, so the log remains useful.
  const child = JSON.parse(lines[5] ?? '{}') as Record<string, unknown>;
  assert.equal(child.requesterId, '42');
  assert.equal(child.password, '[redacted]');
  assert.deepEqual(child.session, { jwt: '[redacted]' });
});

test('one JSON object per line: level name, ISO time, service, message', () => {
  const { lines, log } = collect('info');
  log.debug('below the level');
  log.info({ event: 'example', durationMs: 12 }, 'something happened');
  assert.equal(lines.length, 1);
  const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
  assert.equal(line.level, 'info');
  assert.equal(line.service, 'portico');
  assert.equal(line.msg, 'something happened');
  assert.equal(line.durationMs, 12);
  assert.ok(typeof line.time === 'string' && !Number.isNaN(Date.parse(line.time)));
  assert.ok((lines[0] ?? '').endsWith('\n'));
});

test('requestLogger tags every line with a request id, generated outside a request', async () => {
  const lines: string[] = [];
  const restore = captureLogs(lines);
  try {
    const first = await requestLogger({ requesterId: '7' });
    first.warn('one');
    first.warn('two');
    (await requestLogger()).warn('another request');
  } finally {
    restore();
  }
  const ids = lines.map((line) => (JSON.parse(line) as { requestId?: string }).requestId);
  assert.match(ids[0] ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(ids[1], ids[0]);
  assert.notEqual(ids[2], ids[0]);
  assert.equal((JSON.parse(lines[0] ?? '{}') as { requesterId?: string }).requesterId, '7');
  assert.ok(logger.isLevelEnabled('info'));
});

test('LOG_LEVEL: any pino level, validated at start-up', () => {
  const SECRET = 's'.repeat(32);
  assert.equal(parseConfig({ SESSION_SECRET: SECRET }).logLevel, 'info');
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, LOG_LEVEL: 'debug' }).logLevel, 'debug');
  assert.equal(parseConfig({ SESSION_SECRET: SECRET, LOG_LEVEL: 'silent' }).logLevel, 'silent');
  assert.throws(
    () => parseConfig({ SESSION_SECRET: SECRET, LOG_LEVEL: 'verbose' }),
    (error: unknown) => error instanceof ConfigError && /^LOG_LEVEL must be one of fatal, error/.test(error.problems[0] ?? ''),
  );
  // The logger itself is created before the configuration is checked: a bad value means `info`.
  assert.equal(logLevelFrom({ LOG_LEVEL: 'verbose' }), 'info');
  assert.equal(logLevelFrom({ LOG_LEVEL: 'warn' }), 'warn');
  assert.equal(logLevelFrom({}), 'info');
});
