// Who may see and comment on a request, in both dialects, and how CCs are added. One place, so the
// request routes, the lists and the file downloads agree:
//   - the requester: see, comment;
//   - a CC (collaborator): see, comment (the help desk's CCs reply to the conversation);
//   - an end user of the request's organization, when it shares tickets: see; comment only when it
//     also shares comments;
//   - anyone else: the same "not found" as a missing request.
// Staff calling /requests act as end users there (sandbox/README.md), so the same rules apply.
import type { SandboxContext } from './context';
import { unprocessable } from './errors';
import type { TicketRow } from './store/tickets';
import { ROLE, type UserRow } from './store/users';

export type RequestAccess = 'requester' | 'cc' | 'organization';

/** How `user` may reach ticket `t`; null when they may not see it at all. */
export function requestAccess(ctx: SandboxContext, user: UserRow, t: TicketRow): RequestAccess | null {
  if (t.requester_id === user.id) return 'requester';
  if (ctx.people.isCollaborator(t.id, user.id)) return 'cc';
  if (t.organization_id !== null) {
    const org = ctx.people.organizationOf(user.id);
    if (org && org.id === t.organization_id && org.shared_tickets === 1) return 'organization';
  }
  return null;
}

/** Whether `user` may add a public comment (CCs added with it) to ticket `t` they can see. */
export function mayComment(ctx: SandboxContext, user: UserRow, access: RequestAccess): boolean {
  // An organization's member was let in by requestAccess (same organization, shared tickets).
  return access !== 'organization' || ctx.people.organizationOf(user.id)?.shared_comments === 1;
}

/** The most CCs one request may carry (the help desk's own limit for email CCs is 48). */
export const MAX_COLLABORATORS = 48;
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/**
 * Copies people in by email on ticket `t`: each address checked (422 naming the first bad one),
 * unknown addresses become end users without a password (they exist, as the help desk's do, but
 * cannot sign in until given one), the requester is never their own CC. Runs inside the caller's
 * transaction, so a refusal saves nothing.
 */
export function addCollaboratorsByEmail(ctx: SandboxContext, t: TicketRow, emails: readonly string[]): void {
  const current = ctx.people.collaborators(t.id);
  const ids: number[] = [];
  for (const raw of emails) {
    const email = raw.trim();
    if (!EMAIL.test(email) || email.length > 254) throw unprocessable(`Collaborator "${email.slice(0, 80)}" is not an email address`);
    const user = ctx.users.byEmail(email) ?? ctx.users.create({ name: email.split('@')[0] || email, email, passwordHash: null, roles: ROLE.endUser });
    if (user.id !== t.requester_id && !current.includes(user.id) && !ids.includes(user.id)) ids.push(user.id);
  }
  if (current.length + ids.length > MAX_COLLABORATORS) throw unprocessable(`A request can have at most ${MAX_COLLABORATORS} collaborators`);
  ctx.people.addCollaborators(t.id, ids);
}
