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
import { followFileRedirect, isRedirect } from './file-redirects';
import type { Readiness } from './types';
import { nodeFetch } from './node-fetch';

/**
 * The single fetch function every help desk call goes through, whichever API the adapter speaks:
 * one deadline, status checks before any parsing, a size cap, typed errors, and retries for reads
 * only. What differs per dialect (media type, how a refusal names its reasons) is its `Codec`;
 * the credentials arrive as ready-made headers from the adapter. Files go through the same function
 * (`helpdeskUpload`, `helpdeskDownload`), streamed instead of read whole: the same headers, checks
 * and errors, with a deadline that waits for progress rather than for the whole file.
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

/** An answer kept as bytes: the same checks and cap, no decoding. */
export interface HelpdeskBinaryResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

/** A file on its way to the help desk: read once, as it is sent, never whole. */
export interface HelpdeskUploadBody {
  stream: ReadableStream<Uint8Array>;
  /** Sent as the request's Content-Type. */
  contentType: string;
  /** Sent as Content-Length, so the help desk can refuse a file too large before reading it; a stream of another length fails. */
  length: number;
}

/** An answer whose body is handed on as it arrives (a file), after the same status checks. */
export interface HelpdeskStreamResponse {
  status: number;
  headers: Headers;
  body: ReadableStream<Uint8Array>;
}

type StreamOptions = Omit<HelpdeskFetchOptions, 'method' | 'body'>;

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
  const { status, headers, bytes } = await helpdeskFetchBytes(path, options);
  return { status, headers, text: new TextDecoder('utf-8').decode(bytes) };
}

/** The same call, for answers that are not text. */
export async function helpdeskFetchBytes(path: string, options: HelpdeskFetchOptions): Promise<HelpdeskBinaryResponse> {
  const { helpdeskTimeoutMs } = getConfig();
  const deadline = wholeCallDeadline(helpdeskTimeoutMs);
  try {
    return await send(path, options, deadline, async (response) => ({
      status: response.status,
      headers: response.headers,
      bytes: await readCapped(response),
    }));
  } finally {
    deadline.done();
  }
}

/**
 * Sends a file (POST, the body streamed as it is read), and reads the help desk's short answer
 * as text, as helpdeskFetch does. Never retried: the stream is read once, and the file may have
 * arrived. The deadline is for progress: it runs out only when no bytes move (or, once the file is
 * sent, no answer comes) for helpdeskTimeoutMs, so a large file on a slow link is not cut off.
 */
export async function helpdeskUpload(path: string, options: StreamOptions & { file: HelpdeskUploadBody }): Promise<HelpdeskResponse> {
  const { helpdeskTimeoutMs } = getConfig();
  const deadline = progressDeadline(helpdeskTimeoutMs);
  try {
    const { status, headers, bytes } = await send(path, { ...options, method: 'POST' }, deadline, async (response) => ({
      status: response.status,
      headers: response.headers,
      bytes: await readCapped(response),
    }));
    return { status, headers, text: new TextDecoder('utf-8').decode(bytes) };
  } finally {
    deadline.done();
  }
}

/**
 * Fetches a file and hands its body on as it arrives, never whole in memory. A GET, so retried
 * like any read until the body starts; then the deadline is for progress (no byte for
 * helpdeskTimeoutMs ends it with HelpdeskTimeoutError on the stream). `allowHtml`: the file itself
 * is an HTML page, so a 2xx text/html answer is the file, not a login page.
 */
export async function helpdeskDownload(path: string, options: StreamOptions & { allowHtml?: boolean }): Promise<HelpdeskStreamResponse> {
  const { helpdeskTimeoutMs, helpdeskUrl, helpdeskFileOrigins } = getConfig();
  const deadline = progressDeadline(helpdeskTimeoutMs);
  try {
    return await send(path, { ...options, method: 'GET', fileRedirect: true }, deadline, async (answer) => {
      // Zendesk's answer is a 302 to its file host: followed there without credentials.
      const response = isRedirect(answer.status)
        ? await followFileRedirect(answer, `${helpdeskUrl}${path}`, { origins: helpdeskFileOrigins, signal: deadline.signal, allowHtml: options.allowHtml ?? false })
        : answer;
      deadline.touch();
      return { status: response.status, headers: response.headers, body: passOn(response, deadline, helpdeskTimeoutMs) };
    });
  } catch (error) {
    deadline.done();
    throw error;
  }
}

/** How long a call may take: all of it (`wholeCallDeadline`), or without progress (`progressDeadline`). */
interface Deadline {
  signal: AbortSignal;
  /** Progress: the clock starts again (progress deadlines only). */
  touch(): void;
  /** The call is over: no timer left behind. */
  done(): void;
}

/**
 * A timer of our own, cleared when the call ends, not AbortSignal.timeout: that one's timer runs
 * out its full time after the call, and a timer holds on to the async context it was made in, which
 * under Next is the whole request (its response, its rendered tree). So every page view stayed in
 * memory for HELPDESK_TIMEOUT_MS after it was answered: at 50 connections, hundreds of finished
 * views per worker (README, "Memory after a 10-minute run").
 */
function wholeCallDeadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  timer.unref();
  return { signal: controller.signal, touch: () => {}, done: () => clearTimeout(timer) };
}

function progressDeadline(ms: number): Deadline {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const start = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new DOMException(`no progress for ${ms} ms`, 'TimeoutError')), ms);
    timer.unref();
  };
  start();
  return { signal: controller.signal, touch: () => !controller.signal.aborted && start(), done: () => clearTimeout(timer) };
}

/** A response's body as a stream of our own: each chunk is progress, and a failure is a HelpdeskError. */
function passOn(response: Response, deadline: Deadline, timeoutMs: number): ReadableStream<Uint8Array> {
  const reader = response.body?.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!reader) {
        deadline.done();
        return controller.close();
      }
      try {
        const { done, value } = await reader.read();
        if (done) {
          deadline.done();
          return controller.close();
        }
        deadline.touch();
        controller.enqueue(value);
      } catch (thrown) {
        deadline.done();
        controller.error(streamError(thrown, deadline.signal, timeoutMs));
      }
    },
    async cancel(reason) {
      deadline.done();
      await reader?.cancel(reason).catch(() => {});
    },
  });
}

/** The file being sent, counted: each chunk is progress. */
function sending(file: HelpdeskUploadBody, deadline: Deadline): ReadableStream<Uint8Array> {
  const reader = file.stream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      deadline.touch();
      if (done) return controller.close();
      controller.enqueue(value);
    },
    async cancel(reason) {
      await reader.cancel(reason).catch(() => {});
    },
  });
}

function streamError(thrown: unknown, deadline: AbortSignal, timeoutMs: number): unknown {
  try {
    return toHelpdeskError(thrown, deadline, timeoutMs);
  } catch (other) {
    return other;
  }
}

/** One call, retried as its method allows, its response handed to `read` once its status is checked. */
async function send<T>(
  path: string,
  options: HelpdeskFetchOptions & { file?: HelpdeskUploadBody; allowHtml?: boolean; fileRedirect?: boolean },
  deadline: Deadline,
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const { helpdeskUrl, helpdeskTimeoutMs } = getConfig();
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  const maxAttempts = options.method === 'GET' ? MAX_GET_ATTEMPTS : 1;
  const started = Date.now();
  let waited = 0;

  for (let attempt = 1; ; attempt++) {
    const seen: { status?: number } = {};
    try {
      const response = await attemptOnce(`${helpdeskUrl}${path}`, options, deadline, signal, seen);
      const result = await read(response);
      if (logger.isLevelEnabled('debug')) {
        (await requestLogger()).debug({ ...callFacts(options, path, attempt, started), status: response.status }, 'help desk call');
      }
      return result;
    } catch (thrown) {
      // The caller gave up (navigation, its own timeout): not a help desk failure, pass it on as is.
      if (options.signal?.aborted) throw options.signal.reason;
      const error = toHelpdeskError(thrown, deadline.signal, helpdeskTimeoutMs);
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
        throw toHelpdeskError(reason, deadline.signal, helpdeskTimeoutMs);
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
  options: HelpdeskFetchOptions & { file?: HelpdeskUploadBody; allowHtml?: boolean; fileRedirect?: boolean },
  deadline: Deadline,
  signal: AbortSignal,
  seen: { status?: number },
): Promise<Response> {
  const { mediaType } = options.codec;
  const headers: Record<string, string> = { Accept: mediaType, ...options.auth };
  let body: string | ReadableStream<Uint8Array> | undefined = options.body;
  if (options.file) {
    headers['Content-Type'] = options.file.contentType;
    headers['Content-Length'] = String(options.file.length);
    body = sending(options.file, deadline);
  } else if (body !== undefined) {
    headers['Content-Type'] = `${mediaType}; charset=utf-8`;
  }
  const response = await nodeFetch(url, {
    method: options.method,
    headers,
    body,
    // A stream goes out as it is read (Node's fetch needs to be told).
    ...(options.file ? { duplex: 'half' } : {}),
    cache: 'no-store',
    // The API never redirects; a redirect means a login page or a misconfigured URL, and following
    // it would carry X-On-Behalf-Of to wherever it points. A file goes with 'error': under any other
    // mode Node's fetch tees a streamed body to be able to send it again after a redirect, so the
    // whole file would pile up in memory (measured: +19 MiB for a 20 MiB upload; scripts/measure/attachments.mjs).
    redirect: options.file ? 'error' : 'manual',
    signal,
  } as RequestInit);
  deadline.touch();
  const { status } = response;
  seen.status = status;

  // A file's redirect to its host is handed back as it is (helpdeskDownload follows it, without credentials).
  if (options.fileRedirect && isRedirect(status) && response.headers.has('location')) return response;
  if (status >= 200 && status < 300) {
    if (!options.allowHtml && /^\s*text\/html/i.test(response.headers.get('content-type') ?? '')) {
      await discard(response);
      throw new HelpdeskBadResponseError(`help desk answered ${status} with an HTML page`);
    }
    return response;
  }
  if (status === 400 || status === 422 || status === 413) {
    const text = await readCapped(response).then((bytes) => new TextDecoder('utf-8').decode(bytes)).catch(() => '');
    const messages = options.codec.parseErrors(text);
    // A 413 from anything in the way (a proxy's page) still says what was wrong: the file's size.
    throw new HelpdeskValidationError(status === 413 && messages.length === 0 ? ['The file is too large for the help desk.'] : messages, `help desk answered ${status}`);
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

/**
 * The path to call for an address the help desk gave (an attachment's content URL), only if it is
 * the help desk's own: credentials go nowhere else. Anything on another origin or outside the
 * configured base path is a bad response.
 */
export function helpdeskPathOf(address: string): string {
  const { helpdeskUrl } = getConfig();
  const base = new URL(helpdeskUrl);
  let url: URL;
  try {
    url = new URL(address, `${helpdeskUrl}/`);
  } catch (error) {
    throw new HelpdeskBadResponseError('help desk gave a file address that is not a URL', { cause: error });
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || url.username !== '' || url.password !== '' || !url.pathname.startsWith(`${basePath}/`)) {
    throw new HelpdeskBadResponseError('help desk gave a file address outside its own origin: not fetched with credentials');
  }
  return `${url.pathname.slice(basePath.length)}${url.search}`;
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
  if (deadline.aborted) return new HelpdeskTimeoutError(`help desk did not answer (or stopped sending) within ${timeoutMs} ms`, { cause: thrown });
  if (isConnectionError(thrown)) {
    const cause: unknown = thrown.cause;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : thrown.message;
    // A file that was not the size it was said to be: the portal's mistake, not the help desk's.
    if (code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH') throw new Error('the file sent was not FileUpload.size bytes long', { cause: thrown });
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
  // Like a call's (wholeCallDeadline): no timer left holding the /readyz request once it is answered.
  const deadline = wholeCallDeadline(timeoutMs);
  try {
    const response = await nodeFetch(`${helpdeskUrl}${path}`, {
      headers: { Accept: codec.mediaType },
      cache: 'no-store',
      redirect: 'manual',
      signal: deadline.signal,
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
  } finally {
    deadline.done();
  }
}
