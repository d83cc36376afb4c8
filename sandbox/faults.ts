// Fault injection: make chosen API routes slow, fail, answer garbage or hang
// up, so the portal's failure handling can be tested against a real server.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { XML_TYPE } from './errors';
import { JSON_TYPE, v2Body } from './v2/errors';
import { errorsXml } from './xml';

export const faultSpec = z
  .strictObject({
    route: z.string().min(1),
    user: z.string().min(1).optional(),
    kind: z.enum(['delay', 'slow', 'status', 'malformed', 'html', 'drop']),
    ms: z.number().int().min(0).max(120_000).optional(),
    status: z.number().int().min(400).max(599).optional(),
    retryAfter: z.number().int().min(0).optional(),
    times: z.number().int().min(1).optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.kind === 'delay' || f.kind === 'slow') && f.ms === undefined) ctx.addIssue({ code: 'custom', path: ['ms'], message: `${f.kind} needs ms` });
    if (f.kind === 'status' && f.status === undefined) ctx.addIssue({ code: 'custom', path: ['status'], message: 'status needs status' });
  });

export type FaultSpec = z.infer<typeof faultSpec>;

export interface Fault extends FaultSpec {
  id: string;
  /** Matching calls left before the fault removes itself; null = until cleared. */
  remaining: number | null;
}

export class FaultTable {
  private faults: Fault[] = [];
  private seq = 0;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, user: spec.user?.toLowerCase(), id: `fault-${++this.seq}`, remaining: spec.times ?? null };
    this.faults.push(fault);
    return fault;
  }

  remove(id: string): void {
    this.faults = this.faults.filter((f) => f.id !== id);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The oldest fault matching this call, using up one of its `times`. */
  take(route: string, user: string | undefined): Fault | undefined {
    const fault = this.faults.find((f) => (f.route === '*' || f.route === route) && (f.user === undefined || f.user === user));
    if (fault && fault.remaining !== null && --fault.remaining <= 0) this.remove(fault.id);
    return fault;
  }
}

// Cut off mid-element, like a response truncated by a dying upstream.
const MALFORMED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<tickets type="array" count="2">\n  <ticket>\n    <created-at>2007-06-03T20:15:44Z</created-at>\n    <description>My printer is not work';

const MALFORMED_JSON = '{"requests":[{"url":"https://example.zendesk.com/api/v2/requests/33.json","id":33,"status":"open","subject":"Help, my printer is on fi';

function htmlPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * Calls under a `slow` fault: served normally (a write is done), then their answer is held this
 * many ms by the onSend hook. Unlike `delay`, the work happens even if the client gives up waiting:
 * a help desk that saved the request but answered too late.
 */
export const slowAnswers = new WeakMap<FastifyRequest, number>();

/**
 * Carries out a fault inside an onRequest hook. Returns true when the call is
 * finished (answered or dropped); false for a delay, after which the call is
 * served normally.
 */
export async function applyFault(fault: Fault, req: FastifyRequest, reply: FastifyReply, dialect: 'xml' | 'json' = 'xml'): Promise<boolean> {
  // Retry-After belongs on the fault's own answer, not on a delayed normal one.
  if (fault.retryAfter !== undefined && fault.kind !== 'delay') reply.header('retry-after', String(fault.retryAfter));
  switch (fault.kind) {
    case 'delay':
      await sleep(fault.ms ?? 0);
      return false;
    case 'slow':
      slowAnswers.set(req, fault.ms ?? 0);
      return false;
    case 'status': {
      const status = fault.status ?? 500;
      const message = `Sandbox fault: ${status} ${STATUS_CODES[status] ?? ''}`.trim();
      if (dialect === 'json') reply.code(status).header('content-type', JSON_TYPE).send(JSON.stringify(v2Body(status, undefined, message)));
      else reply.code(status).header('content-type', XML_TYPE).send(errorsXml([message]));
      return true;
    }
    case 'malformed':
      reply.code(200).header('content-type', dialect === 'json' ? JSON_TYPE : XML_TYPE).send(dialect === 'json' ? MALFORMED_JSON : MALFORMED);
      return true;
    case 'html': {
      const status = fault.status ?? 502;
      reply.code(status).header('content-type', 'text/html').send(htmlPage(status));
      return true;
    }
    case 'drop':
      // No response at all: the client sees the connection reset. Destroying
      // the response (not only the socket) also fails Fastify's inject() with
      // LIGHT_ECONNRESET instead of leaving it waiting forever.
      reply.hijack();
      reply.raw.destroy();
      req.raw.socket?.destroy();
      return true;
  }
}
