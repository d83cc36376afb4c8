// Builds the sandbox: database, Fastify instance, routes, bootstrap data.
// Closing the returned app closes the database.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { Authenticator } from './auth';
import { CallLog, controlRoutes, isControlUrl } from './control';
import type { SandboxContext } from './context';
import { monotonicClock, openDb } from './db';
import { ensureAdmin, seedDemo } from './demo';
import { seedDemoPeople } from './demo-people';
import { decodeBody } from './charset';
import { ApiError, badRequest, sendErrors } from './errors';
import { FaultTable } from './faults';
import { controlUserRoutes, controlPhotoRoutes } from './control-users';
import { controlOrganizationRoutes } from './control-organizations';
import { classicUploadRoutes, downloadRoutes } from './routes/files';
import { classicFieldRoutes } from './routes/fields';
import { requestRoutes } from './routes/requests';
import { ruleRoutes } from './routes/rules';
import { ticketRoutes } from './routes/tickets';
import { userRoutes } from './routes/users';
import { FileStore, filesDirFor } from './store/files';
import { RequestSearch } from './store/search';
import { PeopleStore } from './store/people';
import { TicketStore } from './store/tickets';
import { TokenStore } from './store/tokens';
import { UserStore } from './store/users';
import { v2AdminRoutes } from './v2/admin';
import { v2FieldRoutes } from './v2/fields';
import { isV2Url, JSON_TYPE, sendV2Error } from './v2/errors';
import { RateLimiter } from './v2/rate-limit';
import { v2RequestRoutes } from './v2/requests';
import { v2UploadRoutes } from './v2/uploads';
import { DEFAULT_MAX_UPLOAD_BYTES, rawBodyRoutes } from './uploads';

export interface SandboxOptions {
  dbPath: string;
  adminEmail?: string;
  adminPassword?: string;
  /** Seed the demo set when the database has no tickets (default true). */
  demo?: boolean;
  /** Also Bob's colleague in a shared organization and a request that copies Alice in (demo-people.ts; default false: the sandbox's own tests keep the seed's ids). */
  demoPeople?: boolean;
  logger?: boolean;
  /** v2 calls per effective user per minute (default 700); /_sandbox/rate-limit changes it at run time. */
  rateLimit?: number;
  /** An API token to exist from the start (SANDBOX_API_TOKEN), so a portal can be configured before the sandbox runs. */
  apiToken?: string;
  /** An OAuth token of the admin with read, write and impersonate (SANDBOX_OAUTH_TOKEN), for the same reason. */
  oauthToken?: string;
  /** The largest file an upload may be (SANDBOX_MAX_UPLOAD_BYTES; default 20 MiB, the portal's default). */
  maxUploadBytes?: number;
}

export const DEFAULT_ADMIN = { email: 'admin@example.com', password: 'admin-password' };
export const BODY_LIMIT = 1024 * 1024;

/** Messages for Fastify's own refusals, in words a client can act on. */
function fastifyMessage(err: FastifyError, status: number, v2: boolean): string {
  if (status === 413) return `Request body is too large (the limit is ${BODY_LIMIT} bytes)`;
  if (status === 415) return v2 ? 'Unsupported Content-Type: send application/json' : 'Unsupported Content-Type: send application/xml or text/xml';
  return err.message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`Malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function buildSandbox(opts: SandboxOptions): Promise<FastifyInstance> {
  const db = openDb(opts.dbPath);
  let files: FileStore | undefined;
  let app: FastifyInstance | undefined;
  try {
    const filesDir = filesDirFor(opts.dbPath);
    files = new FileStore(db, filesDir.dir, filesDir.temporary);
    const tickets = new TicketStore(db);
    const now = monotonicClock(tickets.newestTime());
    const users = new UserStore(db, now);
    const ctx: SandboxContext = {
      db, users, tickets, files, now, auth: new Authenticator(users), tokens: new TokenStore(db), search: new RequestSearch(db), routeKeys: new Set(),
      people: new PeopleStore(db),
      fileLimits: { maxBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES },
    };

    app = Fastify({ logger: opts.logger ?? false, bodyLimit: BODY_LIMIT, exposeHeadRoutes: false });
    // Where uploaded files are kept (tests look; a server prints it).
    app.decorate('sandboxFilesDir', files.dir);
    const closing = files;
    app.addHook('onClose', async () => {
      db.close();
      closing.close();
    });

    // XML bodies reach the routes as strings, decoded by their charset (charset.ts);
    // xml.ts parses them. JSON is decoded the same strict way, then parsed. text/plain
    // is dropped so only the XML types and JSON are accepted.
    app.removeContentTypeParser(['text/plain', 'application/json']);
    app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer' }, (req, body, done) => {
      try {
        done(null, decodeBody(body as Buffer, req.headers['content-type'], 'xml'));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      try {
        const text = decodeBody(body as Buffer, req.headers['content-type'], 'json');
        if (text.trim() === '') throw badRequest('Request body is empty; a JSON document is required');
        done(null, parseJson(text));
      } catch (err) {
        done(err as Error, undefined);
      }
    });

    app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
      const isApi = err instanceof ApiError;
      const raw = isApi ? err.status : (err.statusCode ?? 500);
      const status = raw >= 400 && raw < 600 ? raw : 500;
      if (status >= 500) req.log.error(err);
      const path = req.url.split('?')[0] ?? '';
      const message = isApi ? err.message : status >= 500 ? 'Internal server error' : fastifyMessage(err, status, isV2Url(path));
      if (isApi) reply.headers(err.headers);
      if (isControlUrl(path)) return reply.code(status).send({ error: message });
      if (isV2Url(path)) return sendV2Error(reply, status, isApi ? err : undefined, message);
      return sendErrors(reply, status, [message]);
    });
    app.setNotFoundHandler((req, reply) => {
      const path = req.url.split('?')[0] ?? '';
      if (isControlUrl(path)) return reply.code(404).send({ error: 'Not found' });
      if (isV2Url(path)) return reply.code(404).header('content-type', JSON_TYPE).send(JSON.stringify({ error: 'InvalidEndpoint', description: 'Not found' }));
      return sendErrors(reply, 404, [`No route for ${req.method} ${req.url.split('?')[0]}`]);
    });

    controlRoutes(app, ctx, new FaultTable(), new CallLog(), new RateLimiter(opts.rateLimit));
    requestRoutes(app, ctx);
    ticketRoutes(app, ctx);
    ruleRoutes(app, ctx);
    userRoutes(app, ctx);
    v2RequestRoutes(app, ctx);
    v2AdminRoutes(app, ctx);
    // Ticket fields and forms (store/fields.ts): defined through v2, read in both dialects.
    v2FieldRoutes(app, ctx);
    classicFieldRoutes(app, ctx);
    downloadRoutes(app, ctx);
    controlUserRoutes(app, ctx);
    controlOrganizationRoutes(app, ctx);
    // Uploads take the file itself as the body, streamed to disk: a scope of their own.
    rawBodyRoutes(app, (scope) => {
      classicUploadRoutes(scope, ctx);
      v2UploadRoutes(scope, ctx);
      controlPhotoRoutes(scope, ctx);
    });

    const admin = await ensureAdmin(ctx, opts.adminEmail ?? DEFAULT_ADMIN.email, opts.adminPassword ?? DEFAULT_ADMIN.password);
    if (opts.apiToken) ctx.tokens.ensureApiToken(opts.apiToken, 'SANDBOX_API_TOKEN', Date.now());
    if (opts.oauthToken) ctx.tokens.ensureOAuthToken(admin.id, opts.oauthToken, ['read', 'write', 'impersonate'], Date.now());
    if (opts.demo ?? true) await seedDemo(ctx);
    if (opts.demoPeople) await seedDemoPeople(ctx);
    await app.ready();
    return app;
  } catch (err) {
    if (app) await app.close();
    else {
      db.close();
      files?.close();
    }
    throw err;
  }
}
