import { getConfig } from '../platform/config';
import { logger, requestLogger } from '../platform/log';
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
} from './errors';
import type { Readiness } from './types';

/**
 * The single fetch function every help desk call goes through, whichever API the adapter speaks:
 * one deadline, status checks before any parsing, a size cap, typed errors, and retries for reads
 * only. What differs per dialect (media type, how a refusal names its reasons) is its `Codec`;
 * the credentials arrive as ready-made headers from the adapter.
 *
 * Keep-alive: Node's fetch (undici, also under Next's patched fetch) pools connections per origin
 * and keeps them alive by default, so calls reuse sockets without an Agent of our own.
 */

export type HelpdeskMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What the transport needs to know about a dialect. */
export interface Codec {
  /** The Accept header, and the Content-Type of bodies sent. */
  mediaType: string;
  /** The help desk's own reasons from a 400/422 body, best effort: [] when it cannot be read. */
  parseErrors(text: string): string[];
}

export interface HelpdeskFetchOptions {
  method: HelpdeskMethod;
  codec: Codec;
  /** Authorization (and X-On-Behalf-Of) headers, as the adapter built them from the credentials. */
  auth: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Who the call is for, for the log only: the requester's id, never their email. */
  requesterId?: string;
}

export interface HelpdeskResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** An answer kept as bytes (attachments): the same checks and cap, no decoding. */
export interface HelpdeskBinaryResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

/** Far above any real answer (a full page of requests is a few dozen KB). */
export const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
const MAX_GET_ATTEMPTS = 3;
const BACKOFF_MS = [150, 400];
const JITTER_MS = 100;
/** The most a page view spends waiting between attempts; a longer Retry-After fails fast instead. */
const RETRY_WAIT_BUDGET_MS = 2_000;
/** Answers that are part of normal use (a mistyped password, someone else's request): not warnings. */
const EXPECTED_REFUSALS = new Set<HelpdeskError['code']>(['unauthorized', 'forbidden', 'not_found', 'validation']);

/**
 * Only GETs are retried (502/503/504, 429 with a short Retry-After, dropped connections): a POST or
 * PUT that failed may still have been applied, and sending it again would duplicate a request or
 * a comment. One deadline (helpdeskTimeoutMs) covers the whole call, retries and waits included,
 * so a page view never waits longer than that; a wait that would not fit is not started.
 */
export async function helpdeskFetch(path: string, options: HelpdeskFetchOptions): Promise<HelpdeskResponse> {
  const { status, headers, bytes } = await send(path, options);
  return { status, headers, text: new TextDecoder('utf-8').decode(bytes) };
}

/** The same call, for answers that are not text (attachments, next). */
export function helpdeskFetchBytes(path: string, options: HelpdeskFetchOptions): Promise<HelpdeskBinaryResponse> {
  return send(path, options);
}

async function send(path: string, options: HelpdeskFetchOptions): Promise<HelpdeskBinaryResponse> {
  const { helpdeskUrl, helpdeskTimeoutMs } = getConfig();
  const deadline = AbortSignal.timeout(helpdeskTimeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const maxAttempts = options.method === 'GET' ? MAX_GET_ATTEMPTS : 1;
  const started = Date.now();
  let waited = 0;

  for (let attempt = 1; ; attempt++) {
    const seen: { status?: number } = {};
    try {
      const response = await attemptOnce(`${helpdeskUrl}${path}`, options, signal, seen);
      if (logger.isLevelEnabled('debug')) {
        (await requestLogger()).debug({ ...callFacts(options, path, attempt, started), status: response.status }, 'help desk call');
      }
      return response;
    } catch (thrown) {
      // The caller gave up (navigation, its own timeout): not a help desk failure, pass it on as is.
      if (options.signal?.aborted) throw options.signal.reason;
      const error = toHelpdeskError(thrown, deadline, helpdeskTimeoutMs);
      const facts = { ...callFacts(options, path, attempt, started), status: seen.status ?? null, code: error.code, maxAttempts };
      const delay = error.retryable && attempt < maxAttempts ? retryDelay(error, attempt) : null;
      const remaining = helpdeskTimeoutMs - (Date.now() - started);
      if (delay === null || waited + delay > RETRY_WAIT_BUDGET_MS || delay >= remaining) {
        (await requestLogger())[EXPECTED_REFUSALS.has(error.code) ? 'info' : 'warn'](facts, 'help desk call failed');
        throw error;
      }
      (await requestLogger()).warn({ ...facts, retryInMs: delay }, 'help desk call failed, retrying');
      await sleep(delay, signal).catch((reason: unknown) => {
        if (options.signal?.aborted) throw options.signal.reason;
        throw toHelpdeskError(reason, deadline, helpdeskTimeoutMs);
      });
      waited += delay;
    }
  }
}

/**
 * What a log line says about a call: never headers or bodies (credentials, customer text), and the
 * path without its query string.
 */
function callFacts({ method, requesterId }: HelpdeskFetchOptions, path: string, attempt: number, started: number) {
  return { event: 'helpdesk_call', method, path: path.replace(/[?#].*$/, ''), requesterId, attempt, durationMs: Date.now() - started };
}

async function attemptOnce(
  url: string,
  options: HelpdeskFetchOptions,
  signal: AbortSignal,
  seen: { status?: number },
): Promise<HelpdeskBinaryResponse> {
  const { mediaType } = options.codec;
  const headers: Record<string, string> = { Accept: mediaType, ...options.auth };
  if (options.body !== undefined) headers['Content-Type'] = `${mediaType}; charset=utf-8`;
  const response = await fetch(url, {
    method: options.method,
    headers,
    body: options.body,
    cache: 'no-store',
    // The API never redirects; a redirect means a login page or a misconfigured URL, and following
    // it would carry X-On-Behalf-Of to wherever it points.
    redirect: 'manual',
    signal,
  });
  const { status } = response;
  seen.status = status;

  if (status >= 200 && status < 300) {
    if (/^\s*text\/html/i.test(response.headers.get('content-type') ?? '')) {
      await discard(response);
      throw new HelpdeskBadResponseError(`help desk answered ${status} with an HTML page`);
    }
    return { status, headers: response.headers, bytes: await readCapped(response) };
  }
  if (status === 400 || status === 422) {
    const text = await readCapped(response).then((bytes) => new TextDecoder('utf-8').decode(bytes)).catch(() => '');
    throw new HelpdeskValidationError(options.codec.parseErrors(text), `help desk answered ${status}`);
  }
  await discard(response);
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  if (status === 401) throw new HelpdeskUnauthorizedError();
  if (status === 403) throw new HelpdeskForbiddenError();
  if (status === 404) throw new HelpdeskNotFoundError();
  if (status === 429) throw new HelpdeskRateLimitedError(retryAfterSeconds);
  if (status >= 500) throw new HelpdeskUnavailableError(`help desk answered ${status}`, { status, retryAfterSeconds });
  throw new HelpdeskBadResponseError(`help desk answered an unexpected ${status}`);
}

/** HTTP Basic, UTF-8 (RFC 7617): for the adapters' credentials. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Reads the body, refusing it unread when it says it is too large, or once it grows past the cap. */
async function readCapped(response: Response): Promise<Uint8Array> {
  const tooLarge = () => new HelpdeskBadResponseError(`help desk answer is larger than ${MAX_RESPONSE_BYTES} bytes`);
  if (Number(response.headers.get('content-length')) > MAX_RESPONSE_BYTES) {
    await discard(response);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

/** Retry-After is either seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

function retryDelay(error: HelpdeskError, attempt: number): number {
  const backoff = (BACKOFF_MS[attempt - 1] ?? BACKOFF_MS[BACKOFF_MS.length - 1] ?? 0) + Math.floor(Math.random() * JITTER_MS);
  const retryAfter =
    error instanceof HelpdeskRateLimitedError || error instanceof HelpdeskUnavailableError ? error.retryAfterSeconds : null;
  return retryAfter === null ? backoff : Math.max(backoff, retryAfter * 1000);
}

// undici reports a refused, reset or dropped connection as TypeError('fetch failed') with a coded
// cause, and a body cut off mid-read as TypeError('terminated').
function isConnectionError(error: unknown): error is TypeError {
  return error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated');
}

function toHelpdeskError(thrown: unknown, deadline: AbortSignal, timeoutMs: number): HelpdeskError {
  if (thrown instanceof HelpdeskError) return thrown;
  if (deadline.aborted) return new HelpdeskTimeoutError(`help desk did not answer within ${timeoutMs} ms`, { cause: thrown });
  if (isConnectionError(thrown)) {
    const cause: unknown = thrown.cause;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : thrown.message;
    return new HelpdeskUnavailableError(`help desk connection failed (${code})`, { cause: thrown });
  }
  // Anything else is a bug on our side (a bad header value, say), not a help desk failure.
  throw thrown;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Whether the help desk is reachable and answering as an API: an anonymous GET of `path` (its
 * "current user") must be refused with 401/403 or answered. That works with any help desk, costs
 * it no password check, and is never counted against a customer. Deliberately not helpdeskFetch:
 * a probe wants one quick attempt with no retries and no credentials.
 */
export async function probe(path: string, codec: Codec, timeoutMs: number): Promise<Readiness> {
  const { helpdeskUrl } = getConfig();
  try {
    const response = await fetch(`${helpdeskUrl}${path}`, {
      headers: { Accept: codec.mediaType },
      cache: 'no-store',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await discard(response);
    const { status } = response;
    if (status === 401 || status === 403 || (status >= 200 && status < 300)) return { ready: true };
    // A redirect is a login page or a wrong URL, a 404 a wrong base path: reachable but not usable.
    return { ready: false, reason: `help desk answered ${status}` };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { ready: false, reason: `help desk did not answer within ${timeoutMs} ms` };
    }
    const cause: unknown = error instanceof Error ? error.cause : undefined;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : 'no answer';
    return { ready: false, reason: `help desk connection failed (${code})` };
  }
}
