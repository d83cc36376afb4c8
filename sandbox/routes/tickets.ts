// /tickets: the agent's side, with the full ticket view.
import type { FastifyInstance } from 'fastify';
import { apiRoute, baseUrl, inTransaction, type SandboxContext } from '../context';
import { notFound, parseId, sendXml } from '../errors';
import { parseBody } from '../input';
import { readTicketInput } from '../ticket-input';
import { createTicket, updateTicket } from '../ticket-rules';
import { fullTicketXml } from '../views';

export function ticketRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const idOf = (params: unknown) => parseId((params as { id: string }).id);

  apiRoute(app, ctx, 'GET', '/tickets/:id', async (req, reply) => {
    await ctx.auth.staff(req.headers);
    const t = ctx.tickets.load(idOf(req.params));
    if (!t) throw notFound('Ticket not found');
    return sendXml(reply, 200, fullTicketXml(t, baseUrl(req)));
  });

  apiRoute(app, ctx, 'POST', '/tickets', async (req, reply) => {
    const { user } = await ctx.auth.staff(req.headers);
    const input = readTicketInput(parseBody(req.body), 'create');
    const id = inTransaction(ctx, () => createTicket(ctx, user, input));
    reply.header('location', `/tickets/${id}.xml`);
    return sendXml(reply, 201, fullTicketXml(ctx.tickets.load(id)!, baseUrl(req)));
  });

  apiRoute(app, ctx, 'PUT', '/tickets/:id', async (req, reply) => {
    const { user } = await ctx.auth.staff(req.headers);
    const id = idOf(req.params);
    if (!ctx.tickets.get(id)) throw notFound('Ticket not found');
    const input = readTicketInput(parseBody(req.body), 'update');
    inTransaction(ctx, () => {
      const current = ctx.tickets.get(id);
      if (!current) throw notFound('Ticket not found');
      updateTicket(ctx, user, current, input);
    });
    return sendXml(reply, 200, fullTicketXml(ctx.tickets.load(id)!, baseUrl(req)));
  });

  apiRoute(app, ctx, 'DELETE', '/tickets/:id', async (req, reply) => {
    await ctx.auth.staff(req.headers);
    const id = idOf(req.params);
    // The rows go with the ticket (ON DELETE CASCADE); the files on disk after the transaction.
    const files = inTransaction(ctx, () => {
      const keys = ctx.files.keysOfTicket(id);
      if (!ctx.tickets.delete(id)) throw notFound('Ticket not found');
      return keys;
    });
    await ctx.files.removeFiles(files);
    return reply.code(200).send();
  });
}
