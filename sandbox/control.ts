// The /_sandbox/ control endpoints (JSON, admin only except health), the
// per-route call counts, and the hook that counts and faults API calls.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { effectiveEmail } from './auth';
import { routeKey, type SandboxContext } from './context';
import { badRequest, forbidden } from './errors';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyFault, FaultTable, faultSpec, slowAnswers } from './faults';
import { ROLE } from './store/users';
import { isDownloadUrl } from './routes/files';
import { v2EffectiveEmail } from './v2/auth';
import { isV2Url, sendV2Error, V2Error } from './v2/errors';
import type { RateLimiter } from './v2/rate-limit';

export const CONTROL_PREFIX = '/_sandbox';

/** API calls received per effective user and route, since the last reset. */
export class CallLog {
  // '' holds anonymous calls.
  private readonly counts = new Map<string, Map<string, number>>();

  record(route: string, user: string | undefined): void {
    const byRoute = this.counts.get(user ?? '') ?? new Map<string, number>();
    byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    this.counts.set(user ?? '', byRoute);
  }

  snapshot(user?: string): { total: number; byRoute: Record<string, number> } {
    const byRoute: Record<string, number> = {};
    let total = 0;
    for (const [who, routes] of this.counts) {
      if (user !== undefined && who !== user) continue;
      for (const [route, n] of routes) {
        byRoute[route] = (byRoute[route] ?? 0) + n;
        total += n;
      }
    }
    return { total, byRoute };
  }

  reset(user?: string): void {
    if (user === undefined) this.counts.clear();
    else this.counts.delete(user);
  }
}

function userParam(req: FastifyRequest): string | undefined {
  const raw = (req.query as Record<string, unknown>)['user'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw === '') throw badRequest('user must be an email');
  return raw.toLowerCase();
}

export function controlRoutes(app: FastifyInstance, ctx: SandboxContext, faults: FaultTable, calls: CallLog, rates: RateLimiter): void {
  // Count, then rate-limit (v2 only), then fault, every API call before
  // authentication and before its body is read, so a faulted or throttled POST
  // creates nothing. Control calls are exempt.
  app.addHook('onRequest', async (req, reply) => {
    const url = req.routeOptions.url;
    if (url === undefined || url.startsWith(CONTROL_PREFIX)) return;
    const key = routeKey(req.method, url);
    if (!ctx.routeKeys.has(key)) return;
    const v2 = isV2Url(url);
    // Downloads take either dialect's credentials (routes/files.ts), so they are read the v2 way, which knows both.
    const user = v2 || isDownloadUrl(url) ? v2EffectiveEmail(ctx, req.headers) : effectiveEmail(req.headers);
    calls.record(key, user);
    if (v2) {
      const rate = rates.take(user);
      reply.header('x-rate-limit', String(rate.limit)).header('x-rate-limit-remaining', String(rate.remaining));
      if (rate.retryAfter !== undefined) {
        reply.header('retry-after', String(rate.retryAfter));
        return sendV2Error(reply, 429, new V2Error(429, 'APIRateLimitExceeded', 'Number of allowed API requests per minute exceeded'), '');
      }
    }
    const fault = faults.take(key, user);
    if (fault && (await applyFault(fault, req, reply, v2 ? 'json' : 'xml'))) return reply;
  });
  // A `slow` fault holds the finished answer (see faults.ts).
  app.addHook('onSend', async (req, _reply, payload) => {
    const ms = slowAnswers.get(req);
    if (ms) await sleep(ms);
    return payload;
  });

  const admin = (req: FastifyRequest) => requireAdmin(ctx, req);

  app.get(`${CONTROL_PREFIX}/health`, async (_req, reply) => reply.type('text/plain; charset=utf-8').send('ok'));

  app.post(`${CONTROL_PREFIX}/faults`, async (req, reply) => {
    await admin(req);
    const parsed = faultSpec.safeParse(req.body);
    if (!parsed.success) {
      throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    }
    if (parsed.data.route !== '*' && !ctx.routeKeys.has(parsed.data.route)) {
      throw badRequest(`Unknown route "${parsed.data.route}"; use one of: ${[...ctx.routeKeys].join(', ')}, or "*"`);
    }
    return reply.code(201).send({ id: faults.add(parsed.data).id });
  });

  app.get(`${CONTROL_PREFIX}/routes`, async (req) => {
    await admin(req);
    return { routes: [...ctx.routeKeys] };
  });

  app.get(`${CONTROL_PREFIX}/faults`, async (req) => {
    await admin(req);
    return { faults: faults.list() };
  });

  app.delete(`${CONTROL_PREFIX}/faults`, async (req, reply) => {
    await admin(req);
    faults.clear();
    return reply.code(204).send();
  });

  app.delete(`${CONTROL_PREFIX}/faults/:id`, async (req, reply) => {
    await admin(req);
    faults.remove((req.params as { id: string }).id);
    return reply.code(204).send();
  });

  app.get(`${CONTROL_PREFIX}/rate-limit`, async (req) => {
    await admin(req);
    return { limit: rates.limit };
  });

  app.put(`${CONTROL_PREFIX}/rate-limit`, async (req) => {
    await admin(req);
    const limit = (req.body as { limit?: unknown } | undefined)?.limit;
    if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) throw badRequest('limit must be a whole number from 1 (calls per user per minute)');
    rates.setLimit(limit);
    return { limit };
  });

  app.get(`${CONTROL_PREFIX}/calls`, async (req) => {
    await admin(req);
    return calls.snapshot(userParam(req));
  });

  app.delete(`${CONTROL_PREFIX}/calls`, async (req, reply) => {
    await admin(req);
    calls.reset(userParam(req));
    return reply.code(204).send();
  });
}

/** The control endpoints are the sandbox admin's (Basic email and password). */
export async function requireAdmin(ctx: SandboxContext, req: FastifyRequest): Promise<void> {
  const actor = await ctx.auth.actor(req.headers);
  if (actor.roles !== ROLE.admin) throw forbidden('The control endpoints are for the sandbox admin');
}

/** Control endpoints answer errors as JSON; the API answers XML. */
export function isControlUrl(url: string): boolean {
  return url === CONTROL_PREFIX || url.startsWith(`${CONTROL_PREFIX}/`);
}

