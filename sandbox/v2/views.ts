// How records look in the v2 dialect. As in views.ts, the end user's request
// view is an explicit allow-list built from the stored ticket, never the
// agent's ticket with fields removed: a field added to the ticket view can
// never leak into the request view. Shapes follow the help desk's reference
// (Requests API "JSON format", Request comments, Users); where it leaves a
// choice open, sandbox/README.md says what the sandbox does.
import { iso } from '../db';
import type { AttachmentRow, FileStore } from '../store/files';
import type { CommentRow, LoadedTicket } from '../store/tickets';
import { contentUrl } from '../views';
import { ROLE, type UserRow } from '../store/users';
import { canBeSolvedBy } from '../ticket-rules';

export const STATUS_NAMES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
const PRIORITY_NAMES = [null, 'low', 'normal', 'high', 'urgent'] as const;
const TYPE_NAMES = [null, 'question', 'incident', 'problem', 'task'] as const;
const ROLE_NAMES: Record<number, string> = { [ROLE.endUser]: 'end-user', [ROLE.agent]: 'agent', [ROLE.admin]: 'admin' };

/** Everything the sandbox makes arrives through the API (via id 5, "Web service"). */
const VIA_API = { channel: 'api', source: { from: {}, to: {}, rel: null } };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain text as the help desk's comment HTML: paragraphs, line breaks kept. */
export function commentHtml(body: string): string {
  const paragraphs = body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<div class="zd-comment" dir="auto">${paragraphs.join('')}</div>`;
}

/** The Request object, for the end user `viewer`. */
export function requestJson(base: string, { ticket: t, comments, fields }: LoadedTicket, viewer: UserRow, collaboratorIds: readonly number[] = []): Record<string, unknown> {
  return {
    url: `${base}/api/v2/requests/${t.id}.json`,
    id: t.id,
    status: STATUS_NAMES[t.status_id],
    priority: PRIORITY_NAMES[t.priority_id] ?? null,
    type: TYPE_NAMES[t.ticket_type_id] ?? null,
    subject: t.subject,
    description: t.description,
    organization_id: t.organization_id,
    via: VIA_API,
    // Only fields visible to end users (the Requests API's reduced view).
    custom_fields: endUserCustomFields(fields),
    ticket_form_id: t.ticket_form_id ?? null,
    requester_id: t.requester_id,
    // The sandbox's CCs are end users, so they are both (the reference: collaborator_ids; with CCs
    // and followers, email_cc_ids).
    collaborator_ids: [...collaboratorIds],
    email_cc_ids: [...collaboratorIds],
    is_public: comments.some((c) => c.is_public === 1),
    due_at: null,
    can_be_solved_by_me: canBeSolvedBy(t, viewer),
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
    recipient: null,
    followup_source_id: t.followup_source_id,
    assignee_id: t.assignee_id,
    fields: endUserCustomFields(fields),
  };
}

/** A request's `custom_fields` as `{id, value}`: a checkbox's value a boolean, a multi-select's an array of option values. */
function endUserCustomFields(fields: LoadedTicket['fields']): { id: number; value: unknown }[] {
  return fields.filter((f) => f.visible === 1).map((f) => ({ id: f.ticket_field_id, value: typedValue(f.field_type ?? null, f.value) }));
}

export function typedValue(type: string | null, value: string): unknown {
  if (type === 'checkbox') return value === 'true';
  if (type === 'multiselect') return value.split(/\s+/).filter(Boolean);
  return value;
}

/**
 * The Attachment object (Ticket Attachments reference, "JSON format"). The sandbox makes no
 * thumbnails and scans nothing: `thumbnails` is [], width and height null.
 */
export function attachmentJson(base: string, a: AttachmentRow): Record<string, unknown> {
  const url = contentUrl(base, a);
  return {
    id: a.id,
    file_name: a.file_name,
    content_url: url,
    mapped_content_url: url,
    content_type: a.content_type,
    size: a.size,
    width: null,
    height: null,
    inline: false,
    deleted: false,
    thumbnails: [],
  };
}

/** A request comment with its files. Callers pass public comments only. */
export function commentJson(base: string, c: CommentRow, files: readonly AttachmentRow[]): Record<string, unknown> {
  return {
    id: c.id,
    type: 'Comment',
    request_id: c.ticket_id,
    body: c.value,
    html_body: commentHtml(c.value),
    plain_body: c.value,
    public: c.is_public === 1,
    author_id: c.author_id,
    attachments: files.map((a) => attachmentJson(base, a)),
    created_at: iso(c.created_at),
  };
}

/** A ticket comment for agents: the same fields, internal notes (and their files) included. */
export const ticketCommentJson = (base: string, c: CommentRow, files: readonly AttachmentRow[]) => ({
  ...commentJson(base, c, files),
  request_id: undefined,
  ticket_id: c.ticket_id,
});

/** The User object. `full` adds the contact details only the user themself and staff may see; `photo` is an Attachment object, or null. */
export function userJson(base: string, u: UserRow, full: boolean, photo: AttachmentRow | undefined): Record<string, unknown> {
  return {
    id: u.id,
    url: `${base}/api/v2/users/${u.id}.json`,
    name: u.name,
    ...(full ? { email: u.email } : {}),
    created_at: iso(u.created_at),
    updated_at: iso(u.created_at),
    time_zone: 'UTC',
    iana_time_zone: 'Etc/UTC',
    ...(full ? { phone: null, shared_phone_number: null } : {}),
    photo: photo ? attachmentJson(base, photo) : null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: null,
    role: ROLE_NAMES[u.roles],
    verified: u.verified === 1,
    ...(full ? { active: true, suspended: false } : {}),
    // Sandbox extension: Zendesk's User object has no such field (see sandbox/README.md).
    ...(full ? { password_changed_at: iso(u.password_changed_at) } : {}),
  };
}

/** Several User objects with their photos (one query for the photos). */
export function usersJson(files: FileStore, base: string, users: readonly UserRow[], full: (u: UserRow) => boolean): Record<string, unknown>[] {
  const photos = files.photos(users.map((u) => u.id));
  return users.map((u) => userJson(base, u, full(u), photos.get(u.id)));
}

/** What `users/me` answers a caller without credentials (the reference allows it for anonymous users). */
export function anonymousUserJson(): Record<string, unknown> {
  return {
    id: null,
    url: null,
    name: 'Anonymous user',
    email: 'invalid@example.com',
    created_at: null,
    updated_at: null,
    time_zone: 'UTC',
    iana_time_zone: 'Etc/UTC',
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: null,
    role: 'end-user',
    verified: false,
  };
}

/** The agent's Ticket object (Tickets API): every field, tags included. */
export function ticketJson(base: string, { ticket: t, comments, fields }: LoadedTicket): Record<string, unknown> {
  return {
    url: `${base}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: t.external_id,
    via: VIA_API,
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
    type: TYPE_NAMES[t.ticket_type_id] ?? null,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: PRIORITY_NAMES[t.priority_id] ?? null,
    status: STATUS_NAMES[t.status_id],
    recipient: null,
    requester_id: t.requester_id,
    submitter_id: t.submitter_id,
    assignee_id: t.assignee_id,
    organization_id: t.organization_id,
    group_id: t.group_id,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    has_incidents: false,
    is_public: comments.some((c) => c.is_public === 1),
    due_at: null,
    tags: t.current_tags.split(' ').filter(Boolean),
    custom_fields: fields.map((f) => ({ id: f.ticket_field_id, value: f.value })),
    fields: fields.map((f) => ({ id: f.ticket_field_id, value: f.value })),
  };
}
