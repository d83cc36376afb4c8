// How tickets, requests and users look on the wire.
//
// Two ticket views: the agent's full view (element order as in the seed's
// "Show" example) and the end user's reduced request view. The reduced view is
// built from an explicit allow-list, never by removing fields from the full
// one, so a field added to the full view can never leak to end users.
import { iso } from './db';
import type { LoadedTicket } from './store/tickets';
import type { UserRow } from './store/users';
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

/** The end user's view: only these fields, only public comments. */
export function requestNode({ ticket: t, comments }: LoadedTicket): XmlNode {
  return el('ticket', [
    el('created-at', iso(t.created_at)),
    el('description', t.description),
    el('nice-id', t.id),
    el('organization-id', t.organization_id),
    el('requester-id', t.requester_id),
    el('status-id', t.status_id),
    el('subject', t.subject),
    el('updated-at', iso(t.updated_at)),
    el('via-id', t.via_id),
    el(
      'comments',
      comments
        .filter((c) => c.is_public === 1)
        .map((c) => el('comment', [el('author-id', c.author_id), el('created-at', iso(c.created_at)), el('value', c.value)])),
      { type: 'array' },
    ),
  ]);
}

export const fullTicketXml = (t: LoadedTicket) => toXml(fullTicketNode(t));
export const requestXml = (t: LoadedTicket) => toXml(requestNode(t));

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
