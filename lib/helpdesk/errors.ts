/**
 * Every way a help desk call can fail, as real `Error` subclasses with a stable `code`.
 *
 * `message` is for logs (method, path, status; never credentials or customer text). There are no
 * customer-facing words here: pages branch on the class or `code` (`not_found` → `notFound()`,
 * `unauthorized` → sign in again, `validation` → show `messages`) and the UI turns codes into
 * words (app/ui/helpdesk-messages.ts). Every adapter throws these same classes.
 */

export type HelpdeskErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'bad_response';

export class HelpdeskError extends Error {
  readonly code: HelpdeskErrorCode;
  /**
   * Whether the same call might succeed if sent again shortly. Only the fetch layer acts on it,
   * and only for GETs: a POST or PUT that failed may still have been applied.
   */
  readonly retryable: boolean;

  constructor(code: HelpdeskErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HelpdeskError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export class HelpdeskUnauthorizedError extends HelpdeskError {
  constructor(message = 'the help desk refused the credentials') {
    super('unauthorized', message);
    this.name = 'HelpdeskUnauthorizedError';
  }
}

export class HelpdeskForbiddenError extends HelpdeskError {
  constructor(message = 'the help desk refused access') {
    super('forbidden', message);
    this.name = 'HelpdeskForbiddenError';
  }
}

export class HelpdeskNotFoundError extends HelpdeskError {
  constructor(message = 'the help desk has no such record') {
    super('not_found', message);
    this.name = 'HelpdeskNotFoundError';
  }
}

/** What a refusal was about, and why: the UI says it in the customer's language. */
export type RefusedField = 'subject' | 'description' | 'comment' | 'file' | 'other';
/**
 * `not_solvable`: the request may not be marked solved (now, by this customer); `not_followable`:
 * that request cannot be followed up; `too_large` and `file_type`: a file over the help desk's size
 * limit, or of a type it refuses (executables); `upload`: an upload token it does not take
 * (unknown, expired, someone else's, or already attached).
 */
export type RefusalProblem =
  | 'blank'
  | 'too_long'
  | 'closed'
  | 'invalid_character'
  | 'not_solvable'
  | 'not_followable'
  | 'too_large'
  | 'file_type'
  | 'upload'
  | 'invalid';
export interface RefusalReason {
  field: RefusedField;
  problem: RefusalProblem;
}

/**
 * Reads one of the help desk's own refusal messages (the seed's "Subject can't be blank",
 * "Description is too long (maximum is 65535 characters)", the sandbox's "<subject> cannot be
 * empty", v2's "Description: cannot be blank") as a reason the UI can put into the customer's
 * words. The help desk writes in its own language (English, for both dialects' references); what
 * a customer reads is never its text passed through, and a message not recognised here becomes
 * the general "check what you entered".
 */
export function reasonFromText(text: string): RefusalReason {
  const field: RefusedField = /subject/i.test(text)
    ? 'subject'
    : /description/i.test(text)
      ? 'description'
      : /\bfiles?\b|upload|attachment/i.test(text)
        ? 'file'
        : /comment|body|reply/i.test(text)
          ? 'comment'
          : 'other';
  // Checked before "closed": these messages may say why in words that mention a closed request.
  const problem: RefusalProblem = /follow(?:ed)?[ -]?up/i.test(text)
    ? 'not_followable'
    : /(?:cannot|can't|not) be (?:marked as )?solved|solvable/i.test(text)
      ? 'not_solvable'
      : /closed/i.test(text)
        ? 'closed'
        : /character that cannot be sent|U\+[0-9A-F]{4}/.test(text)
          ? 'invalid_character'
          : /executable|file type|type of file/i.test(text)
            ? 'file_type'
            : /too large|larger than|too big/i.test(text)
              ? 'too_large'
              : /upload token|token/i.test(text)
                ? 'upload'
                : /blank|empty|required|missing/i.test(text)
                  ? 'blank'
                  : /too long|maximum|at most/i.test(text)
                    ? 'too_long'
                    : 'invalid';
  return { field, problem };
}


/**
 * The help desk refused the input. `messages` are its own words (classic `<errors><error>`, v2
 * `details`/`description`), kept for logs and tests; `reasons` are what they mean, for the form.
 * Both are empty when it gave nothing the portal could read.
 */
export class HelpdeskValidationError extends HelpdeskError {
  readonly messages: string[];
  readonly reasons: RefusalReason[];

  constructor(messages: string[], message = 'the help desk refused the input') {
    super('validation', `${message}: ${messages.length} message(s)`);
    this.name = 'HelpdeskValidationError';
    this.messages = messages;
    this.reasons = messages.map(reasonFromText);
  }
}

/**
 * The help desk took a "mark as solved" but did not solve the request: Zendesk answers 200 and
 * leaves the status when `can_be_solved_by_me` is false (an agent changed something since the page
 * was shown). A refusal with a reason, not a success.
 */
export function notSolvedError(): HelpdeskValidationError {
  return new HelpdeskValidationError(['This request cannot be marked as solved by you now.'], 'help desk answered without marking the request solved');
}

/** 429. Retryable only when the help desk said when (`Retry-After`). */
export class HelpdeskRateLimitedError extends HelpdeskError {
  readonly retryAfterSeconds: number | null;

  constructor(retryAfterSeconds: number | null, message = 'the help desk is rate limiting the portal') {
    super('rate_limited', message, { retryable: retryAfterSeconds !== null });
    this.name = 'HelpdeskRateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * A 5xx, or no answer at all (connection refused, reset, dropped). `status` is absent for the
 * latter. 502/503/504 and connection failures are usually passing; a 500 usually is not.
 */
export class HelpdeskUnavailableError extends HelpdeskError {
  readonly status?: number;
  readonly retryAfterSeconds: number | null;

  constructor(
    message: string,
    options: { status?: number; retryAfterSeconds?: number | null; cause?: unknown } = {},
  ) {
    const { status, retryAfterSeconds = null, cause } = options;
    super('unavailable', message, {
      cause,
      retryable: status === undefined || status === 502 || status === 503 || status === 504,
    });
    this.name = 'HelpdeskUnavailableError';
    if (status !== undefined) this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class HelpdeskTimeoutError extends HelpdeskError {
  constructor(message = 'the help desk did not answer in time', options: { cause?: unknown } = {}) {
    super('timeout', message, options);
    this.name = 'HelpdeskTimeoutError';
  }
}

/**
 * The help desk answered, but not with something the portal can use: malformed XML or JSON, an HTML page,
 * the wrong shape, a DOCTYPE or entity declaration, or a body over the size cap.
 */
export class HelpdeskBadResponseError extends HelpdeskError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('bad_response', message, options);
    this.name = 'HelpdeskBadResponseError';
  }
}

export function isHelpdeskError(error: unknown): error is HelpdeskError {
  return error instanceof HelpdeskError;
}
