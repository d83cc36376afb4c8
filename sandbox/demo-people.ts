// The demo's people beyond one customer's own requests (what `npm start` and the e2e suite show):
// Bob's colleague Dana in a shared organization, and a request of Dana's that copies Alice in.
// Seeded after the demo set, once, only where the sandbox is started as a server (server.ts):
// the sandbox's own tests keep the seed's numbering (user 5 is the seed examples' agent).
import { inTransaction, type SandboxContext } from './context';
import { DEMO_USERS } from './demo';
import { STATUS, VIA_WEB_SERVICE } from './store/tickets';
import { hashPassword, ROLE } from './store/users';

export const DEMO_COLLEAGUE = { name: 'Dana Castell', email: 'dana@example.com', password: 'dana-password', roles: ROLE.endUser } as const;

/** Bob's and Dana's organization: it shares requests and comments between its members. */
export const DEMO_ORGANIZATION = { name: 'Berg & Castell', sharedTickets: true, sharedComments: true } as const;

export const DEMO_SHARED_SUBJECT = 'Shared drive is almost full';

/** Seeds them when Dana does not exist yet. Returns whether it did. */
export async function seedDemoPeople(ctx: SandboxContext): Promise<boolean> {
  if (ctx.users.byEmail(DEMO_COLLEAGUE.email)) return false;
  const hash = await hashPassword(DEMO_COLLEAGUE.password);
  return inTransaction(ctx, () => {
    const alice = ctx.users.byEmail(DEMO_USERS.alice.email);
    const bob = ctx.users.byEmail(DEMO_USERS.bob.email);
    const agent = ctx.users.byEmail(DEMO_USERS.agent.email);
    if (!alice || !bob || !agent) return false;
    const dana = ctx.users.create({ name: DEMO_COLLEAGUE.name, email: DEMO_COLLEAGUE.email, passwordHash: hash, roles: DEMO_COLLEAGUE.roles });
    const organization = ctx.people.organizationByName(DEMO_ORGANIZATION.name) ?? ctx.people.createOrganization(DEMO_ORGANIZATION);
    ctx.people.setMembership(bob.id, organization.id);
    ctx.people.setMembership(dana.id, organization.id);
    // Bob's existing requests were made before he joined: the help desk does not move them, the demo does.
    ctx.db.prepare('UPDATE tickets SET organization_id = ? WHERE requester_id = ?').run(organization.id, bob.id);

    const at = ctx.now() - 5 * 3_600_000;
    const description = 'The team drive says 98% used. Alice, you asked about the 2024 archive: can we get more space before the month-end reports?';
    const id = ctx.tickets.create({
      subject: DEMO_SHARED_SUBJECT, description, requester_id: dana.id, submitter_id: dana.id, status_id: STATUS.open, via_id: VIA_WEB_SERVICE,
      priority_id: 2, ticket_type_id: 1, created_at: at, assignee_id: agent.id, group_id: ctx.users.defaultGroupFor(agent.id) ?? null,
      assigned_at: at, assignee_updated_at: at,
    });
    ctx.tickets.addComment({ ticket_id: id, author_id: dana.id, value: description, is_public: 1, via_id: VIA_WEB_SERVICE, created_at: at });
    const reply = at + 3_600_000;
    ctx.tickets.addComment({
      ticket_id: id, author_id: agent.id, value: 'We can double it tonight. Does anyone still need the 2024 archive folder?', is_public: 1,
      via_id: VIA_WEB_SERVICE, created_at: reply,
    });
    ctx.tickets.update(id, {}, reply);
    // Dana copied Alice in: it is in Alice's "Requests I'm copied on", and she may reply; Bob sees it
    // through the organization.
    ctx.people.addCollaborators(id, [alice.id]);
    return true;
  });
}
