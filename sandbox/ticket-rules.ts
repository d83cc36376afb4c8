// The help desk's rules for writing tickets: who the requester is, how
// assignee and group fit together, tags, statuses, timestamps. Callers run
// these inside a transaction, so a refusal half-way leaves nothing behind.
import { unprocessable } from './errors';
import { STATUS, TICKET_TYPE, VIA_WEB_SERVICE, type TicketChanges, type TicketRow, type TicketStore } from './store/tickets';
import type { FileStore } from './store/files';
import { isStaff, ROLE, type UserRow, type UserStore } from './store/users';
import type { CommentInput, TicketInput } from './ticket-input';

export interface TicketDeps {
  users: UserStore;
  tickets: TicketStore;
  files: FileStore;
  now: () => number;
}

/** A user the agent can hand a ticket to within `groupId`: a member, or the
 * only group there is when the agent belongs to none (the seed's rule). */
function servesGroup(users: UserStore, groupId: number, userId: number): boolean {
  return users.isMember(groupId, userId) || users.defaultGroupFor(userId) === groupId;
}

/** Applies assignee-id / group-id to the current pair, following the seed:
 * no assignee without a group; an assignee given alone gets their first group. */
function resolveAssignment(
  users: UserStore,
  current: { assignee_id: number | null; group_id: number | null },
  input: TicketInput,
): { assignee_id: number | null; group_id: number | null } {
  const assignee = input.assigneeId !== undefined ? input.assigneeId : current.assignee_id;
  let group = input.groupId !== undefined ? input.groupId : current.group_id;
  if (input.groupId != null && !users.groupExists(input.groupId)) throw unprocessable(`Group ${input.groupId} does not exist`);
  if (input.assigneeId != null) {
    const agent = users.byId(input.assigneeId);
    if (!agent || !isStaff(agent)) throw unprocessable(`Assignee ${input.assigneeId} is not an agent`);
    if (input.groupId === undefined && (group === null || !servesGroup(users, group, agent.id))) {
      group = users.defaultGroupFor(agent.id) ?? null;
      if (group === null) throw unprocessable(`Assignee ${agent.id} belongs to no group, so cannot be assigned`);
    }
  }
  if (assignee !== null) {
    if (group === null) throw unprocessable('A ticket cannot have an assignee and no group');
    if (!servesGroup(users, group, assignee)) throw unprocessable(`Assignee ${assignee} is not a member of group ${group}`);
  }
  return { assignee_id: assignee, group_id: group };
}

function applyTags(current: string[], input: TicketInput): string[] {
  let tags = input.setTags ?? current;
  if (input.additionalTags) tags = [...new Set([...tags, ...input.additionalTags])];
  if (input.removeTags) {
    const remove = new Set(input.removeTags);
    tags = tags.filter((t) => !remove.has(t));
  }
  return tags;
}

function resolveRequester(d: TicketDeps, input: TicketInput, submitter: UserRow): UserRow {
  if (input.requesterId !== undefined) {
    const user = d.users.byId(input.requesterId);
    if (!user) throw unprocessable(`Requester ${input.requesterId} does not exist`);
    return user;
  }
  if (input.requesterEmail !== undefined) {
    const existing = d.users.byEmail(input.requesterEmail);
    if (existing) return existing;
    if (input.requesterName === undefined) {
      throw unprocessable(`No user has the email ${input.requesterEmail}; add <requester-name> to create one`);
    }
    // A new end user without a password: they exist as a requester but cannot sign in.
    return d.users.create({ name: input.requesterName, email: input.requesterEmail, passwordHash: null, roles: ROLE.endUser });
  }
  return submitter;
}

/** POST /tickets. The first comment is the description, public, by the requester. */
export function createTicket(d: TicketDeps, submitter: UserRow, input: TicketInput): number {
  const requester = resolveRequester(d, input, submitter);
  const { assignee_id, group_id } = resolveAssignment(d.users, { assignee_id: null, group_id: null }, input);
  const at = d.now();
  const description = input.description ?? '';
  const id = d.tickets.create({
    subject: input.subject ?? '',
    description,
    requester_id: requester.id,
    submitter_id: submitter.id,
    assignee_id,
    group_id,
    status_id: input.statusId ?? (assignee_id !== null ? STATUS.open : STATUS.new),
    ticket_type_id: input.ticketTypeId ?? 0,
    priority_id: input.priorityId ?? 0,
    via_id: VIA_WEB_SERVICE,
    external_id: input.externalId ?? null,
    current_tags: applyTags([], input).join(' '),
    assigned_at: assignee_id !== null ? at : null,
    assignee_updated_at: assignee_id !== null ? at : null,
    created_at: at,
  });
  d.tickets.addComment({ ticket_id: id, author_id: requester.id, value: description, is_public: 1, via_id: VIA_WEB_SERVICE, created_at: at });
  for (const f of input.fieldEntries ?? []) d.tickets.setField(id, f.fieldId, f.value);
  return id;
}

/** A comment, and the files of its upload tokens (each the author's, unexpired, attached once). */
function addComment(d: TicketDeps, ticketId: number, author: UserRow, comment: CommentInput, at: number): number {
  const id = d.tickets.addComment({
    ticket_id: ticketId, author_id: author.id, value: comment.value, is_public: comment.isPublic ? 1 : 0,
    via_id: VIA_WEB_SERVICE, created_at: at,
  });
  if (comment.uploads?.length) d.files.attach(comment.uploads, author.id, id, at, unprocessable);
  return id;
}

/** PUT /tickets/{id}: any mix of field changes and one comment. */
export function updateTicket(d: TicketDeps, actor: UserRow, t: TicketRow, input: TicketInput): void {
  if (t.status_id === STATUS.closed) throw unprocessable('Closed tickets cannot be updated');
  if (input.statusId === STATUS.new && t.status_id !== STATUS.new) throw unprocessable('A ticket cannot be set back to new');
  const at = d.now();
  const changes: TicketChanges = {};
  if (input.subject !== undefined) changes.subject = input.subject;
  if (input.priorityId !== undefined) changes.priority_id = input.priorityId;
  if (input.ticketTypeId !== undefined) changes.ticket_type_id = input.ticketTypeId;
  if (input.externalId !== undefined) changes.external_id = input.externalId;
  if (input.requesterId !== undefined && input.requesterId !== t.requester_id) {
    changes.requester_id = resolveRequester(d, input, actor).id;
    changes.requester_updated_at = at;
  }
  const assignment = resolveAssignment(d.users, t, input);
  changes.group_id = assignment.group_id;
  if (assignment.assignee_id !== t.assignee_id) {
    changes.assignee_id = assignment.assignee_id;
    changes.assignee_updated_at = at;
    if (assignment.assignee_id !== null) changes.assigned_at = at;
  }
  // Like the help desk: a new ticket that gets an assignee is open.
  const status = input.statusId ?? (t.status_id === STATUS.new && changes.assignee_id ? STATUS.open : t.status_id);
  if (status !== t.status_id) {
    changes.status_id = status;
    changes.status_updated_at = at;
  }
  if (input.setTags || input.additionalTags || input.removeTags) {
    changes.current_tags = applyTags(t.current_tags.split(' ').filter(Boolean), input).join(' ');
  }
  d.tickets.update(t.id, changes, at);
  for (const f of input.fieldEntries ?? []) d.tickets.setField(t.id, f.fieldId, f.value);
  if (input.comment) addComment(d, t.id, actor, input.comment, at);
}

/**
 * Whether `viewer` may mark the request solved now (v2 `can_be_solved_by_me`, the classic view's
 * `<can-be-solved-by-me>`). The Requests reference: only when the ticket is assigned to an agent
 * and its type is not a problem (question, task or incident). The sandbox also counts "no type"
 * as not a problem (a request an end user creates has none, and would otherwise never be
 * solvable), and adds what the reference implies: only the requester, and only while it is new,
 * open or pending (the sandbox has no "hold").
 */
export function canBeSolvedBy(t: TicketRow, viewer: UserRow): boolean {
  return t.requester_id === viewer.id && t.assignee_id !== null && t.ticket_type_id !== TICKET_TYPE.problem && t.status_id < STATUS.solved;
}

/**
 * The closed request a new one may follow up: the caller's own, and closed (the reference: "only
 * works with closed tickets"). Anything else is refused rather than ignored, so a mistake shows.
 */
export function followUpSource(d: TicketDeps, user: UserRow, sourceId: number): number {
  const source = d.tickets.get(sourceId);
  if (!source || source.requester_id !== user.id) throw unprocessable(`Request ${sourceId} cannot be followed up: it is not one of your requests`);
  if (source.status_id !== STATUS.closed) throw unprocessable(`Request ${sourceId} cannot be followed up: only a request that is closed can be (it is ${STATUS_NAME[source.status_id] ?? 'not closed'})`);
  return source.id;
}

const STATUS_NAME = ['new', 'open', 'pending', 'solved', 'closed'];

/** POST /requests: requester and submitter are the caller, status new, via 5. Returns the ids of the request and its first comment. */
export function createRequest(
  d: TicketDeps,
  user: UserRow,
  input: { subject: string; description: string; uploads?: readonly string[]; followUpOf?: number | null },
): { id: number; commentId: number } {
  const at = d.now();
  const followupSource = input.followUpOf == null ? null : followUpSource(d, user, input.followUpOf);
  const id = d.tickets.create({
    subject: input.subject, description: input.description, requester_id: user.id, submitter_id: user.id, status_id: STATUS.new,
    via_id: VIA_WEB_SERVICE, created_at: at, followup_source_id: followupSource,
  });
  const commentId = addComment(d, id, user, { value: input.description, isPublic: true, uploads: input.uploads }, at);
  return { id, commentId };
}

/** PUT /requests/{id}: a public comment by the caller, with its files; pending or solved reopens. Returns the comment's id. */
export function commentOnRequest(d: TicketDeps, user: UserRow, t: TicketRow, comment: { value: string; uploads?: readonly string[] }): number {
  if (t.status_id === STATUS.closed) throw unprocessable('Closed requests cannot be updated');
  const at = d.now();
  const reopen = t.status_id === STATUS.pending || t.status_id === STATUS.solved;
  d.tickets.update(t.id, reopen ? { status_id: STATUS.open, status_updated_at: at } : {}, at);
  return addComment(d, t.id, user, { ...comment, isPublic: true }, at);
}

/** The requester marks their request solved (callers check canBeSolvedBy first, on the state before any comment). */
export function solveRequest(d: TicketDeps, t: TicketRow): void {
  const at = d.now();
  d.tickets.update(t.id, { status_id: STATUS.solved, status_updated_at: at }, at);
}
