// /rules/{view-id}: the agent's ticket lists ("views"), 15 a page.
import type { FastifyInstance } from 'fastify';
import { apiRoute, baseUrl, type SandboxContext } from '../context';
import { notFound, parseId, parsePage, sendXml } from '../errors';
import { fullTicketNode, ticketListXml } from '../views';

/** Fixed views; `where` is trusted SQL over the tickets table. */
export const VIEWS: Record<number, { title: string; where: string }> = {
  1: { title: 'All unsolved tickets', where: 'status_id < 3' },
  2: { title: 'Unassigned tickets', where: 'assignee_id IS NULL AND status_id < 3' },
  3: { title: 'Recently solved tickets', where: 'status_id IN (3, 4)' },
};

export function ruleRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  apiRoute(app, ctx, 'GET', '/rules/:id', async (req, reply) => {
    await ctx.auth.staff(req.headers);
    const view = VIEWS[parseId((req.params as { id: string }).id)];
    if (!view) throw notFound('View not found');
    const page = parsePage((req.query as Record<string, unknown>)['page']);
    const { total, items } = ctx.tickets.pageForView(view.where, page);
    return sendXml(reply, 200, ticketListXml(items, total, (t) => fullTicketNode(t, baseUrl(req))));
  });
}
