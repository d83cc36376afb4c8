// Control endpoints for organizations (admin only, JSON, never counted or faulted): neither API
// lets the portal's side make one, and tests and the demo need customers who share requests.
//   POST  /_sandbox/organizations                 {"name", "shared_tickets"?, "shared_comments"?}  201
//   PATCH /_sandbox/organizations/{id}            any of the same fields
//   PUT   /_sandbox/users/{id}/organization       {"organization_id": N | null}
// A user is in at most one organization; a request belongs to its requester's organization when
// it is created (later moves do not carry old requests along).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inTransaction, type SandboxContext } from './context';
import { CONTROL_PREFIX, requireAdmin } from './control';
import { badRequest, notFound, unprocessable } from './errors';
import type { OrganizationRow } from './store/people';

const describe = (o: OrganizationRow) => ({
  organization: { id: o.id, name: o.name, shared_tickets: o.shared_tickets === 1, shared_comments: o.shared_comments === 1 },
});

function body(req: FastifyRequest): Record<string, unknown> {
  const raw = req.body;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('The body must be a JSON object');
  return raw as Record<string, unknown>;
}

function flag(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${name} must be true or false`);
  return value;
}

function name(value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) throw badRequest('name must be a non-empty string of at most 100 characters');
  return value.trim();
}

function idParam(req: FastifyRequest): number {
  const raw = (req.params as { id: string }).id;
  if (!/^\d{1,15}$/.test(raw)) throw notFound('Not found');
  return Number(raw);
}

export function controlOrganizationRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post(`${CONTROL_PREFIX}/organizations`, async (req, reply) => {
    await requireAdmin(ctx, req);
    const b = body(req);
    const orgName = name(b['name'], true)!;
    const created = inTransaction(ctx, () => {
      if (ctx.people.organizationByName(orgName)) throw unprocessable(`An organization named "${orgName}" exists`);
      return ctx.people.createOrganization({
        name: orgName,
        sharedTickets: flag(b['shared_tickets'], 'shared_tickets') ?? false,
        sharedComments: flag(b['shared_comments'], 'shared_comments') ?? false,
      });
    });
    return reply.code(201).send(describe(created));
  });

  app.patch(`${CONTROL_PREFIX}/organizations/:id`, async (req) => {
    await requireAdmin(ctx, req);
    const id = idParam(req);
    const b = body(req);
    const changes = { name: name(b['name'], false), sharedTickets: flag(b['shared_tickets'], 'shared_tickets'), sharedComments: flag(b['shared_comments'], 'shared_comments') };
    return inTransaction(ctx, () => {
      if (!ctx.people.organization(id)) throw notFound('Organization not found');
      ctx.people.updateOrganization(id, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      return describe(ctx.people.organization(id)!);
    });
  });

  app.put(`${CONTROL_PREFIX}/users/:id/organization`, async (req) => {
    await requireAdmin(ctx, req);
    const userId = idParam(req);
    const raw = body(req)['organization_id'];
    if (raw !== null && (typeof raw !== 'number' || !Number.isSafeInteger(raw))) throw badRequest('organization_id must be an organization id or null');
    return inTransaction(ctx, () => {
      if (!ctx.users.byId(userId)) throw notFound('User not found');
      if (raw !== null && !ctx.people.organization(raw)) throw notFound('Organization not found');
      ctx.people.setMembership(userId, raw);
      const org = ctx.people.organizationOf(userId);
      return { user: { id: userId, organization_id: org?.id ?? null } };
    });
  });
}
