import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import pino, { type DestinationStream, type Logger } from 'pino';
import { logLevelFrom, type LogLevel } from './config';

/**
 * Portico's one logger: JSON lines on stdout (one object per event, ready for any log collector),
 * level from LOG_LEVEL. Next's own server messages are not routed through it.
 *
 * What must never be logged: passwords, cookies, tokens, authorization headers, and (personal
 * data) emails; log a requester id instead. Code simply doesn't pass them; the redaction below is
 * the safety net for the day someone logs a whole headers object or error by mistake.
 */

const SENSITIVE_KEYS = [
  'password',
  'agentPassword',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'Set-Cookie',
  'token',
  'jwt',
  'secret',
  'sessionSecret',
  'x-on-behalf-of',
  'X-On-Behalf-Of',
  'email',
  'userEmail',
];

/** Each key at the top level and up to two objects deep (e.g. `err.headers.cookie`). */
export const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => {
  const at = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
  return [at.startsWith('.') ? key : at, `*${at}`, `*.*${at}`];
});

/** Builds a logger with Portico's options. Exported for tests; the app uses `logger`. */
export function createLogger(destination: DestinationStream, level: LogLevel = 'info'): Logger {
  return pino(
    {
      level,
      base: { service: 'portico', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

/**
 * Where log lines go: stdout, written synchronously so nothing is lost when the process exits.
 * Tests point it elsewhere with `captureLogs()`; children of `logger` follow, since they share it.
 */
const sink: DestinationStream & { target: DestinationStream } = {
  target: pino.destination({ fd: 1, sync: true }),
  write(line: string) {
    this.target.write(line);
  },
};

// One logger per process, kept on globalThis so Next's module reloading in dev doesn't multiply it.
const holder = globalThis as unknown as { __porticoLogger?: Logger };
export const logger: Logger = (holder.__porticoLogger ??= createLogger(sink, logLevelFrom(process.env)));

/** For tests: sends log lines to `lines` until the returned function is called. */
export function captureLogs(lines: string[]): () => void {
  const previous = sink.target;
  sink.target = { write: (line: string) => void lines.push(line) };
  return () => {
    sink.target = previous;
  };
}

/**
 * The id proxy.ts gave the current request (and echoes on the response), or null outside a
 * request (start-up, tests). Next's own control-flow errors (they carry a `digest`: dynamic usage
 * during a prerender, postponing) are rethrown, not swallowed; `unstable_rethrow` would do the
 * same but next/navigation cannot load outside Next, where the unit tests run this.
 */
export async function currentRequestId(): Promise<string | null> {
  try {
    return (await headers()).get('x-request-id');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'digest' in error) throw error;
    return null;
  }
}

/** A child logger carrying the request id, for pages, actions and route handlers. */
export async function requestLogger(bindings: Record<string, unknown> = {}): Promise<Logger> {
  return logger.child({ requestId: (await currentRequestId()) ?? randomUUID(), ...bindings });
}
