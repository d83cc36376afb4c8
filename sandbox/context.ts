// What the route files share, and the one way they register API routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from './auth';
import type { Db } from './db';
import type { PeopleStore } from './store/people';
import type { RequestSearch } from './store/search';
import type { TokenStore } from './store/tokens';
import type { TicketDeps } from './ticket-rules';
import type { FileLimits } from './uploads';

export interface SandboxContext extends TicketDeps {
  db: Db;
  auth: Authenticator;
  tokens: TokenStore;
  /** The full-text index of end users' requests (store/search.ts). */
  search: RequestSearch;
  /** Upload limits (SANDBOX_MAX_UPLOAD_BYTES). */
  fileLimits: FileLimits;
  /** Every API route key ("GET /requests/:id"), filled as routes register;
   * faults may only name these. */
  routeKeys: Set<string>;
  /** Organizations and CCs (store/people.ts, request-access.ts). */
  people: PeopleStore;
}

/** The scheme and host the caller used, for the absolute URLs in answers (url, next_page, links, content URLs). */
export function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? 'localhost'}`;
}

/** Runs `fn` in one SQLite transaction: a throw rolls every write back. */
export function inTransaction<T>(ctx: SandboxContext, fn: () => T): T {
  return ctx.db.transaction(fn)();
}

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The key used by faults and call counts: method, space, path without `.xml` or `.json`. */
export function routeKey(method: string, url: string): string {
  return `${method} ${url.replace(/\.(xml|json)$/, '')}`;
}

/**
 * Registers an API route with and without the `.xml` suffix. Paths ending in
 * `:id` are registered once: the id parameter then arrives as "12" or "12.xml"
 * and parseId() strips the suffix, so "/tickets/12.xml" and "/tickets/12" are
 * one route with one key.
 */
export function apiRoute(app: FastifyInstance, ctx: SandboxContext, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, handler: Handler): void {
  ctx.routeKeys.add(routeKey(method, path));
  app.route({ method, url: path, handler });
  if (!path.endsWith(':id')) app.route({ method, url: `${path}.xml`, handler });
}
