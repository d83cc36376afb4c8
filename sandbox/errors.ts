// One error type for every refusal, so the error handler can give each the
// seed's `<errors><error>…</error></errors>` shape with the right status.
import type { FastifyReply } from 'fastify';
import { errorsXml } from './xml';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (msg: string) => new ApiError(400, msg);
export const forbidden = (msg: string) => new ApiError(403, msg);
export const notFound = (msg = 'Not found') => new ApiError(404, msg);
export const unprocessable = (msg: string) => new ApiError(422, msg);

export const XML_TYPE = 'application/xml; charset=utf-8';

export function sendXml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('content-type', XML_TYPE).send(body);
}

export function sendErrors(reply: FastifyReply, status: number, messages: readonly string[]): FastifyReply {
  return sendXml(reply, status, errorsXml(messages));
}

/** Ids in paths must be plain decimal numbers; `.xml` is an optional suffix. */
export function parseId(raw: string): number {
  const id = raw.endsWith('.xml') ? raw.slice(0, -4) : raw;
  if (!/^\d+$/.test(id)) throw badRequest(`Invalid id "${id}": ids are decimal numbers`);
  const n = Number(id);
  // An id too large to exist is simply not found, not a malformed request.
  if (!Number.isSafeInteger(n)) throw notFound();
  return n;
}

/** `?page=N`, N a whole number from 1. */
export function parsePage(raw: unknown): number {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw badRequest('page must be a whole number from 1');
  }
  return Number(raw);
}
