// /requests: the end user's side of the help desk. Everything here answers
// with the reduced request view (views.ts requestNode), never the full ticket.
import type { FastifyInstance } from 'fastify';
import { apiRoute, inTransaction, type SandboxContext } from '../context';
import { badRequest, forbidden, notFound, parseId, parsePage, sendXml, unprocessable } from '../errors';
import { childrenByName, expectRoot, MAX_SUBJECT, parseBody, readText } from '../input';
import { STATUS, type TicketRow } from '../store/tickets';
import { ROLE, type UserRow } from '../store/users';
import { commentOnRequest, createRequest } from '../ticket-rules';
import { readComment } from '../ticket-input';
import { requestNode, requestXml, ticketListXml } from '../views';

const OPEN_STATUSES = [STATUS.new, STATUS.open, STATUS.pending];
// This sandbox's extension: ?status=solved lists solved and closed requests.
const SOLVED_STATUSES = [STATUS.solved, STATUS.closed];

function statusFilter(raw: unknown): number[] {
  if (raw === undefined) return OPEN_STATUSES;
  if (raw === 'solved') return SOLVED_STATUSES;
  throw badRequest('status must be "solved" (or left out for open requests)');
}

/** The caller's own request. Someone else's is "not found", exactly like a
 * missing one, so ids reveal nothing. */
function ownRequest(ctx: SandboxContext, user: UserRow, rawId: string): TicketRow {
  const t = ctx.tickets.get(parseId(rawId));
  if (!t || t.requester_id !== user.id) throw notFound('Request not found');
  return t;
}

export function requestRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  apiRoute(app, ctx, 'GET', '/requests', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const query = req.query as Record<string, unknown>;
    const page = parsePage(query['page']);
    const { total, items } = ctx.tickets.pageForRequester(user.id, statusFilter(query['status']), page);
    return sendXml(reply, 200, ticketListXml(items, total, requestNode));
  });

  apiRoute(app, ctx, 'GET', '/requests/:id', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const t = ownRequest(ctx, user, (req.params as { id: string }).id);
    return sendXml(reply, 200, requestXml(ctx.tickets.load(t.id)!));
  });

  apiRoute(app, ctx, 'POST', '/requests', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const root = parseBody(req.body);
    expectRoot(root, 'ticket');
    const el = childrenByName(root, new Set(['subject', 'description']));
    const subjectEl = el.get('subject');
    const descriptionEl = el.get('description');
    if (!descriptionEl) throw unprocessable('<description> is required');
    const description = readText(descriptionEl, { required: true });
    const subject = subjectEl ? readText(subjectEl, { max: MAX_SUBJECT }) : '';
    const id = inTransaction(ctx, () => createRequest(ctx, user, subject, description));
    reply.header('location', `/requests/${id}.xml`);
    return sendXml(reply, 201, requestXml(ctx.tickets.load(id)!));
  });

  apiRoute(app, ctx, 'PUT', '/requests/:id', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const t = ownRequest(ctx, user, (req.params as { id: string }).id);
    const root = parseBody(req.body);
    expectRoot(root, 'comment');
    const { value } = readComment(root, false);
    inTransaction(ctx, () => commentOnRequest(ctx, user, ctx.tickets.get(t.id)!, value));
    return sendXml(reply, 200, requestXml(ctx.tickets.load(t.id)!));
  });

  apiRoute(app, ctx, 'DELETE', '/requests/:id', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    if (user.roles !== ROLE.admin) throw forbidden('Only admins can destroy requests');
    const id = parseId((req.params as { id: string }).id);
    if (!inTransaction(ctx, () => ctx.tickets.delete(id))) throw notFound('Request not found');
    return reply.code(200).send();
  });
}
