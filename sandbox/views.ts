// How tickets, requests and users look on the wire.
//
// Two ticket views: the agent's full view (element order as in the seed's
// "Show" example) and the end user's reduced request view. The reduced view is
// built from an explicit allow-list, never by removing fields from the full
// one, so a field added to the full view can never leak to end users.
import { iso } from './db';
import type { LoadedTicket } from './store/tickets';
import type { UserRow, UserStore } from './store/users';
import { canBeSolvedBy } from './ticket-rules';
import { el, toXml, type XmlNode } from './xml';

export function fullTicketNode({ ticket: t, comments, fields }: LoadedTicket): XmlNode {
  return el('ticket', [
    el('assigned-at', iso(t.assigned_at)),
    el('assignee-id', t.assignee_id),
    el('assignee-updated-at', iso(t.assignee_updated_at)),
    el('created-at', iso(t.created_at)),
    el('subject', t.subject),
    el('description', t.description),
    el('external-id', t.external_id),
    el('group-id', t.group_id),
    el('id', t.id),
    el('linked-id', t.linked_id),
    el('priority-id', t.priority_id),
    el('submitter-id', t.submitter_id),
    el('status-id', t.status_id),
    el('status-updated-at', iso(t.status_updated_at)),
    el('requester-id', t.requester_id),
    el('requester-updated-at', iso(t.requester_updated_at)),
    el('ticket-type-id', t.ticket_type_id),
    el('updated-at', iso(t.updated_at)),
    el('via-id', t.via_id),
    el('current-tags', t.current_tags),
    el('score', t.score),
    el(
      'comments',
      comments.map((c) =>
        el('comment', [
          el('author-id', c.author_id),
          el('created-at', iso(c.created_at)),
          el('is-public', c.is_public === 1),
          el('value', c.value),
          el('via-id', c.via_id),
          el('via-reference-id', c.via_reference_id),
        ]),
      ),
      { type: 'array' },
    ),
    el(
      'ticket-field-entries',
      fields.map((f) => el('ticket-field-entry', [el('ticket-field-id', f.ticket_field_id), el('value', f.value)])),
      { type: 'array' },
    ),
  ]);
}

/**
 * The end user's view: only these fields, only public comments. Beyond the seed's example it
 * carries priority-id and ticket-type-id (the help desk's end-user Requests API shows type and
 * priority too) and three sandbox extensions: can-be-solved-by-me (for `viewer`),
 * followup-source-id and, on a single request, `<users>`: the requester and the authors of its
 * public comments, with names and roles, so one call names everyone on the page.
 */
export function requestNode({ ticket: t, comments }: LoadedTicket, viewer: UserRow, people?: readonly UserRow[]): XmlNode {
  return el('ticket', [
    el('can-be-solved-by-me', canBeSolvedBy(t, viewer)),
    el('created-at', iso(t.created_at)),
    el('description', t.description),
    el('followup-source-id', t.followup_source_id),
    el('nice-id', t.id),
    el('organization-id', t.organization_id),
    el('priority-id', t.priority_id),
    el('requester-id', t.requester_id),
    el('status-id', t.status_id),
    el('subject', t.subject),
    el('ticket-type-id', t.ticket_type_id),
    el('updated-at', iso(t.updated_at)),
    el('via-id', t.via_id),
    el(
      'comments',
      comments
        .filter((c) => c.is_public === 1)
        .map((c) => el('comment', [el('author-id', c.author_id), el('created-at', iso(c.created_at)), el('value', c.value)])),
      { type: 'array' },
    ),
    ...(people ? [el('users', people.map(personNode), { type: 'array' })] : []),
  ]);
}

/** Someone on a request, as its end user may see them: never an email. */
function personNode(u: UserRow): XmlNode {
  return el('user', [el('id', u.id), el('name', u.name), el('roles', u.roles)]);
}

/** Who appears on a request for its end user: the requester and the authors of public comments. */
export function requestPeople(users: UserStore, { ticket: t, comments }: LoadedTicket): UserRow[] {
  return users.byIds([...new Set([t.requester_id, ...comments.filter((c) => c.is_public === 1).map((c) => c.author_id)])]);
}

export const fullTicketXml = (t: LoadedTicket) => toXml(fullTicketNode(t));
export const requestXml = (users: UserStore, t: LoadedTicket, viewer: UserRow) => toXml(requestNode(t, viewer, requestPeople(users, t)));

/** `<tickets type="array" count="TOTAL">`: count is the total over all pages. */
export function ticketListXml(items: LoadedTicket[], total: number, view: (t: LoadedTicket) => XmlNode): string {
  return toXml(el('tickets', items.map(view), { type: 'array', count: total }));
}

/** Never includes the password hash. */
export function userXml(u: UserRow): string {
  return toXml(
    el('user', [el('created-at', iso(u.created_at)), el('email', u.email), el('id', u.id), el('name', u.name), el('password-changed-at', iso(u.password_changed_at)), el('roles', u.roles)]),
  );
}
