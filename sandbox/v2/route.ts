// Registering v2 routes: each answers with and without `.json`, and its key
// ("GET /api/v2/requests/:id") is what faults and call counts name.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeKey, type SandboxContext } from '../context';
import { JSON_TYPE, V2Error } from './errors';

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Paths ending in `:id` are registered once (the id arrives as "12" or "12.json"
 * and parseV2Id() strips the suffix); every other path also gets a `.json` twin.
 */
export function v2Route(app: FastifyInstance, ctx: SandboxContext, method: 'GET' | 'POST' | 'PUT', path: string, handler: Handler): void {
  ctx.routeKeys.add(routeKey(method, path));
  app.route({ method, url: path, handler });
  if (!path.endsWith(':id')) app.route({ method, url: `${path}.json`, handler });
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('content-type', JSON_TYPE).send(JSON.stringify(body));
}

export { baseUrl } from '../context';

/** The `{"name": {...}}` object a v2 write sends, or a clear refusal. */
export function bodyObject(body: unknown, name: string): Record<string, unknown> {
  if (typeof body === 'string') throw new V2Error(415, 'UnsupportedMediaType', 'Send a JSON body with Content-Type: application/json');
  if (body === undefined || body === null) throw new V2Error(400, 'BadRequest', 'Request body is required: send a JSON document with Content-Type: application/json');
  const inner = typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
    throw new V2Error(400, 'BadRequest', `The body must be a JSON object with a "${name}" object`);
  }
  return inner as Record<string, unknown>;
}

/** `include=users,organizations`: the sideload names asked for. */
export function includes(query: Record<string, unknown>): Set<string> {
  const raw = query['include'];
  return new Set(typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : []);
}
