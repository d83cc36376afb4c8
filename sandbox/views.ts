// How tickets, requests and users look on the wire.
//
// Two ticket views: the agent's full view (element order as in the seed's
// "Show" example) and the end user's reduced request view. The reduced view is
// built from an explicit allow-list, never by removing fields from the full
// one, so a field added to the full view can never leak to end users.
import { iso } from './db';
import type { AttachmentRow, FileStore } from './store/files';
import type { CommentRow, LoadedTicket } from './store/tickets';
import type { OrganizationRow, PeopleStore } from './store/people';
import type { UserRow, UserStore } from './store/users';
import { canBeSolvedBy } from './ticket-rules';
import { el, toXml, type XmlNode } from './xml';

/** Where a file is downloaded (`GET /attachments/{id}`, routes/files.ts), on the sandbox's own origin. */
export function contentUrl(base: string, a: AttachmentRow): string {
  return `${base}/attachments/${a.id}?name=${encodeURIComponent(a.file_name)}`;
}

/** The sandbox's `<attachment>`: id, file-name, content-type, size, content-url. */
export function attachmentNode(base: string, a: AttachmentRow): XmlNode {
  return el('attachment', [el('id', a.id), el('file-name', a.file_name), el('content-type', a.content_type), el('size', a.size), el('content-url', contentUrl(base, a))]);
}

/** A comment's files, only on a comment that has some (a plain comment keeps the seed's shape). */
function commentFiles(base: string, attachments: LoadedTicket['attachments'], c: CommentRow): XmlNode[] {
  const files = attachments.get(c.id) ?? [];
  return files.length === 0 ? [] : [el('attachments', files.map((a) => attachmentNode(base, a)), { type: 'array' })];
}

export function fullTicketNode({ ticket: t, comments, fields, attachments }: LoadedTicket, base: string): XmlNode {
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
          ...commentFiles(base, attachments, c),
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
export function requestNode(
  { ticket: t, comments, attachments, fields }: LoadedTicket,
  viewer: UserRow,
  base: string,
  people?: readonly Person[],
  collaboratorIds?: readonly number[],
): XmlNode {
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
        .map((c) => el('comment', [el('author-id', c.author_id), el('created-at', iso(c.created_at)), el('value', c.value), ...commentFiles(base, attachments, c)])),
      { type: 'array' },
    ),
    ...(people ? [el('users', people.map((p) => personNode(base, p)), { type: 'array' })] : []),
    ...endUserFieldNodes(t, fields),
    // The sandbox's extension: who is copied on it (v2's collaborator_ids), named in <users>.
    ...(collaboratorIds ? [el('collaborator-ids', collaboratorIds.map((id) => el('collaborator-id', id)), { type: 'array' })] : []),
  ]);
}

/**
 * The seed's `<ticket-field-entries>`, in the end user's view only for fields visible to end users
 * (an agent-only field's value never leaves the full view), and the sandbox's `<ticket-form-id>`.
 */
function endUserFieldNodes(t: LoadedTicket['ticket'], fields: LoadedTicket['fields']): XmlNode[] {
  const visible = fields.filter((f) => f.visible === 1);
  return [
    el('ticket-field-entries', visible.map((f) => el('ticket-field-entry', [el('ticket-field-id', f.ticket_field_id), el('value', f.value)])), { type: 'array' }),
    el('ticket-form-id', t.ticket_form_id ?? null),
  ];
}

/**
 * A request found by a search: the list's request view plus the sandbox's `<snippet>`, a plain-text
 * excerpt of the public conversation where the words matched (`nil="true"` when they matched only
 * the subject). Never markup: a client marks the words itself.
 */
export function searchResultNode(t: LoadedTicket, viewer: UserRow, base: string, snippet: string | null): XmlNode {
  const node = requestNode(t, viewer, base);
  return { ...node, value: [...(node.value as XmlNode[]), el('snippet', snippet)] };
}

/** Someone on a request, with their photo if they have one. */
export interface Person {
  user: UserRow;
  photo: AttachmentRow | undefined;
}

/** Someone on a request, as its end user may see them: never an email; `<photo>` an attachment, or nil. */
function personNode(base: string, { user: u, photo }: Person): XmlNode {
  return el('user', [el('id', u.id), el('name', u.name), el('roles', u.roles), photo ? { ...attachmentNode(base, photo), name: 'photo' } : el('photo', null)]);
}

/** Who appears on a request for its end user: the requester, the authors of public comments, and its CCs. */
export function requestPeople(stores: { users: UserStore; files: FileStore }, { ticket: t, comments }: LoadedTicket, collaboratorIds: readonly number[] = []): Person[] {
  const users = stores.users.byIds([...new Set([t.requester_id, ...comments.filter((c) => c.is_public === 1).map((c) => c.author_id), ...collaboratorIds])]);
  const photos = stores.files.photos(users.map((u) => u.id));
  return users.map((user) => ({ user, photo: photos.get(user.id) }));
}

export const fullTicketXml = (t: LoadedTicket, base: string) => toXml(fullTicketNode(t, base));
export function requestXml(stores: { users: UserStore; files: FileStore; people: PeopleStore }, t: LoadedTicket, viewer: UserRow, base: string): string {
  const collaboratorIds = stores.people.collaborators(t.ticket.id);
  return toXml(requestNode(t, viewer, base, requestPeople(stores, t, collaboratorIds), collaboratorIds));
}

/** `<tickets type="array" count="TOTAL">`: count is the total over all pages. */
export function ticketListXml(items: LoadedTicket[], total: number, view: (t: LoadedTicket) => XmlNode): string {
  return toXml(el('tickets', items.map(view), { type: 'array', count: total }));
}

/**
 * Never includes the password hash. With `organization` (the current user's own view: undefined
 * leaves it out, null is none), the sandbox's extension: `<organization-id>` and `<organization>`
 * with whether it shares tickets and comments, so a client learns in the sign-in call which
 * lists the customer has.
 */
export function userXml(u: UserRow, organization?: OrganizationRow | null): string {
  const org =
    organization === undefined
      ? []
      : [
          el('organization-id', organization?.id ?? null),
          organization
            ? el('organization', [el('id', organization.id), el('name', organization.name), el('shared-tickets', organization.shared_tickets === 1), el('shared-comments', organization.shared_comments === 1)])
            : el('organization', null),
        ];
  return toXml(
    el('user', [el('created-at', iso(u.created_at)), el('email', u.email), el('id', u.id), el('name', u.name), ...org, el('password-changed-at', iso(u.password_changed_at)), el('roles', u.roles)]),
  );
}
