// Errors in the v2 dialect's JSON shape:
//   {"error": "RecordNotFound", "description": "Not found"}
//   {"error": "RecordInvalid", "description": "Record validation errors", "details": {field: [{description, error}]}}
//   {"error": "Couldn't authenticate you"}                    (401: no description)
// Shared code throws plain ApiErrors (status + message); v2Body() gives each
// status its v2 name, so one refusal reads right in either dialect.
import type { FastifyReply } from 'fastify';
import { ApiError } from '../errors';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const V2_PREFIX = '/api/v2';

export interface FieldError {
  description: string;
  error: string;
}

/** A v2 refusal with its own error name, or field details for a 422. */
export class V2Error extends ApiError {
  constructor(
    status: number,
    readonly code: string,
    description: string,
    readonly details?: Record<string, FieldError[]>,
    headers: Record<string, string> = {},
  ) {
    super(status, description, headers);
  }
}

/** 422 RecordInvalid naming one field, like the help desk's validation errors. */
export function recordInvalid(field: string, description: string, error = 'InvalidValue'): V2Error {
  return new V2Error(422, 'RecordInvalid', 'Record validation errors', { [field]: [{ description, error }] });
}

// Error names for statuses the reference does not spell out (see sandbox/README.md).
const NAMES: Record<number, string> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'RecordNotFound',
  405: 'MethodNotAllowed',
  413: 'RequestTooLarge',
  415: 'UnsupportedMediaType',
  422: 'RecordInvalid',
  429: 'APIRateLimitExceeded',
};

export function v2Body(status: number, err: ApiError | undefined, message: string): Record<string, unknown> {
  if (status === 401) return { error: "Couldn't authenticate you" };
  if (err instanceof V2Error) return { error: err.code, description: err.message, ...(err.details ? { details: err.details } : {}) };
  if (status === 404) return { error: 'RecordNotFound', description: 'Not found' };
  if (status === 422) return { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: message, error: 'InvalidValue' }] } };
  if (status >= 500) return { error: 'InternalError', description: message };
  return { error: NAMES[status] ?? 'Error', description: message };
}

export function sendV2Error(reply: FastifyReply, status: number, err: ApiError | undefined, message: string): FastifyReply {
  return reply.code(status).header('content-type', JSON_TYPE).send(JSON.stringify(v2Body(status, err, message)));
}

export const isV2Url = (path: string) => path === V2_PREFIX || path.startsWith(`${V2_PREFIX}/`);

/** Ids in v2 paths: decimal, with an optional `.json` suffix. */
export function parseV2Id(raw: string): number {
  const id = raw.endsWith('.json') ? raw.slice(0, -5) : raw;
  if (!/^\d+$/.test(id)) throw new V2Error(400, 'BadRequest', `Invalid id "${id}": ids are decimal numbers`);
  const n = Number(id);
  if (!Number.isSafeInteger(n)) throw new V2Error(404, 'RecordNotFound', 'Not found');
  return n;
}
