// /api/v2/requests: the end user's side of the v2 dialect, over the same store
// as the classic /requests. Answers use the request view (views.ts requestJson)
// and public comments only; agents and admins are treated as end users here.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inTransaction, type SandboxContext } from '../context';
import { ApiError } from '../errors';
import { MAX_SUBJECT, MAX_TEXT } from '../input';
import { MAX_UPLOADS_PER_COMMENT } from '../ticket-input';
import { STATUS, type CommentRow, type LoadedTicket, type TicketRow } from '../store/tickets';
import { ROLE, type UserRow } from '../store/users';
import { canBeSolvedBy, commentOnRequest, createRequest, solveRequest } from '../ticket-rules';
import { addCollaboratorsByEmail, MAX_COLLABORATORS, mayComment, requestAccess, type RequestAccess } from '../request-access';
import { v2Caller } from './auth';
import { checkAnswers, FieldRuleError, saveAnswers, type Answer, type StoredAnswer } from '../field-rules';
import { parseV2Id, recordInvalid, V2Error } from './errors';
import { offsetFields, paginate, readPaging, type Keyed } from './paging';
import { readQuery, searchRequests } from '../request-search';
import type { SearchOrder } from '../store/search';
import { baseUrl, bodyObject, includes, sendJson, v2Route } from './route';
import { commentJson, requestJson, usersJson } from './views';

const STATUS_BY_NAME: Record<string, number | null> = { new: 0, open: 1, pending: 2, hold: null, solved: 3, closed: 4 };

/** The caller of a Requests route: an unverified end user is refused, as the reference says (403). */
export async function requestCaller(ctx: SandboxContext, req: FastifyRequest, access: 'read' | 'write'): Promise<UserRow> {
  const { user } = await v2Caller(ctx, req.headers, access);
  if (user.roles === ROLE.endUser && user.verified !== 1) {
    throw new V2Error(403, 'Forbidden', 'The email address of this end user is not verified, so their requests cannot be viewed or changed');
  }
  return user;
}

/** A request the caller may see (../request-access.ts); anyone else's is "not found", exactly like a missing one. */
function visibleRequest(ctx: SandboxContext, user: UserRow, rawId: string): { t: TicketRow; access: RequestAccess } {
  const t = ctx.tickets.get(parseV2Id(rawId));
  const access = t ? requestAccess(ctx, user, t) : null;
  if (!t || access === null) throw new V2Error(404, 'RecordNotFound', 'Not found');
  return { t, access };
}
const ownRequest = (ctx: SandboxContext, user: UserRow, rawId: string): TicketRow => visibleRequest(ctx, user, rawId).t;

/**
 * `collaborators` (Create Request) and `additional_collaborators` (Update Request): the reference's
 * "array consisting of a combination of user ids, email addresses, or objects containing a name
 * and email". The sandbox takes emails and such objects (by their email); a user id is looked up.
 */
function collaboratorEmails(ctx: SandboxContext, raw: unknown, field: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw recordInvalid(field, `${field} must be an array`);
  if (raw.length > MAX_COLLABORATORS) throw recordInvalid(field, `${field}: at most ${MAX_COLLABORATORS}`);
  return raw.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' && Number.isSafeInteger(item)) {
      const user = ctx.users.byId(item);
      if (!user) throw recordInvalid(field, `${field}: user ${item} does not exist`);
      return user.email;
    }
    if (typeof item === 'object' && item !== null && typeof (item as { email?: unknown }).email === 'string') return (item as { email: string }).email;
    throw recordInvalid(field, `${field}: each must be an email address, a user id or {"name", "email"}`);
  });
}

function choice<T extends string>(query: Record<string, unknown>, name: string, allowed: readonly T[], fallback: T): T {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
    throw new V2Error(400, 'InvalidValue', `${name} must be one of: ${allowed.join(', ')}`);
  }
  return raw as T;
}

function statusFilter(raw: unknown): number[] {
  if (raw === undefined || raw === '') return [0, 1, 2, 3, 4];
  if (typeof raw !== 'string') throw new V2Error(400, 'InvalidValue', 'status is given more than once; use a comma-separated list');
  const out = new Set<number>();
  for (const name of raw.split(',').map((s) => s.trim())) {
    if (!(name in STATUS_BY_NAME)) throw new V2Error(400, 'InvalidValue', `Unknown status "${name}": use new, open, pending, hold, solved or closed`);
    const id = STATUS_BY_NAME[name];
    if (id !== null && id !== undefined) out.add(id);
  }
  return [...out];
}

/** Users who appear on these requests: requesters, assignees, authors of public comments. */
export function sideloadUsers(ctx: SandboxContext, base: string, viewer: UserRow, tickets: LoadedTicket[], comments: CommentRow[] = [], collaboratorIds: readonly number[] = []): Record<string, unknown>[] {
  const ids = new Set<number>(collaboratorIds);
  for (const { ticket, comments: cs } of tickets) {
    ids.add(ticket.requester_id);
    if (ticket.assignee_id !== null) ids.add(ticket.assignee_id);
    for (const c of cs) if (c.is_public === 1) ids.add(c.author_id);
  }
  for (const c of comments) ids.add(c.author_id);
  return usersJson(ctx.files, base, ctx.users.byIds([...ids]), (u) => u.id === viewer.id);
}

/** Text of a JSON field: a string, kept exactly; `required` looks at it trimmed. */
function textField(value: unknown, field: string, label: string, opts: { required: boolean; max: number }): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (opts.required) throw recordInvalid(field, `${label}: cannot be blank`, 'BlankValue');
    return '';
  }
  if (typeof value !== 'string') throw recordInvalid(field, `${label}: must be a string`);
  if (value.length > opts.max) throw recordInvalid(field, `${label}: is too long (maximum is ${opts.max} characters)`, 'TooLong');
  return value;
}

function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw recordInvalid(key, `${where}.${key} is not supported by the sandbox (accepted: ${allowed.join(', ')})`);
  }
}

/** `{"comment": {"body": "…", "uploads": ["token", …]}}`: an end user's comment is always public. */
function commentBody(raw: unknown): { value: string; uploads: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw recordInvalid('comment', 'comment must be an object with a body');
  const comment = raw as Record<string, unknown>;
  onlyKeys(comment, ['body', 'uploads'], 'comment');
  return {
    value: textField(comment['body'], 'description', 'Description', { required: true, max: MAX_TEXT }),
    uploads: uploadTokens(comment['uploads']),
  };
}

/** `comment.uploads`: the tokens of Upload Files answers. */
export function uploadTokens(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((t) => typeof t !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(t))) {
    throw recordInvalid('uploads', 'uploads must be an array of upload tokens');
  }
  if (raw.length > MAX_UPLOADS_PER_COMMENT) throw recordInvalid('uploads', `at most ${MAX_UPLOADS_PER_COMMENT} upload tokens on one comment`);
  return raw as string[];
}

/** A rule's refusal (ticket-rules.ts throws plain 422s), named after the field the client sent. */
function asFieldError<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ApiError && err.status === 422 && !(err instanceof V2Error)) {
      throw recordInvalid(/^Upload token/.test(err.message) ? 'uploads' : field, err.message);
    }
    throw err;
  }
}

/** `via_followup_source_id`: the id of a closed request of the caller's (checked by the rule). */
function followUpId(raw: unknown): number | null {
  if (raw === undefined || raw === null) return null;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw recordInvalid('via_followup_source_id', 'via_followup_source_id must be the id of a closed request');
  return n;
}

const keyed = (sortBy: 'created_at' | 'updated_at') => (r: { id: number; created_at: number; updated_at: number }): Keyed => ({ id: r.id, key: r[sortBy] });

function sortKeyed<T extends Keyed>(items: T[], order: 'asc' | 'desc'): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return items.sort((a, b) => sign * (a.key - b.key || a.id - b.id));
}

/** Search Requests returns at most this many results per query (the reference's "Results limit"). */
export const SEARCH_RESULTS_LIMIT = 1000;

/** Search's order: `sort_by` updated_at or created_at with `sort_order` (default desc); without sort_by, relevance. */
function searchOrder(query: Record<string, unknown>): SearchOrder {
  const by = choice(query, 'sort_by', ['updated_at', 'created_at', ''] as const, '');
  const direction = choice(query, 'sort_order', ['asc', 'desc'] as const, 'desc');
  return by === '' ? { by: 'relevance' } : { by, direction };
}

/** `custom_fields: [{id, value}]` and `ticket_form_id` of Create Request, checked by the field rules (field-rules.ts). */
function requestAnswers(ctx: SandboxContext, request: Record<string, unknown>): { answers: StoredAnswer[]; formId: number | null } {
  const rawForm = request['ticket_form_id'];
  if (rawForm !== undefined && rawForm !== null && (typeof rawForm !== 'number' || !Number.isSafeInteger(rawForm) || rawForm < 1)) {
    throw recordInvalid('ticket_form_id', 'ticket_form_id must be the id of a ticket form');
  }
  const formId = typeof rawForm === 'number' ? rawForm : null;
  const raw = request['custom_fields'] ?? [];
  if (!Array.isArray(raw)) throw recordInvalid('custom_fields', 'custom_fields must be an array of {"id": …, "value": …}');
  const answers: Answer[] = raw.map((entry: unknown) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const fieldId = e['id'];
    if (typeof fieldId !== 'number' || !Number.isSafeInteger(fieldId) || fieldId < 1) throw recordInvalid('custom_fields', 'Each custom field needs a numeric id');
    const value = e['value'];
    if (!(value === null || typeof value === 'string' || typeof value === 'boolean' || (Array.isArray(value) && value.every((v) => typeof v === 'string')))) {
      throw recordInvalid('custom_fields', `Custom field ${fieldId}: value must be text, true or false, or a list of option values`);
    }
    return { fieldId, value: value as Answer['value'] };
  });
  try {
    return { answers: checkAnswers(ctx.db, answers, formId), formId };
  } catch (err) {
    if (err instanceof FieldRuleError) throw recordInvalid(err.field, err.message);
    throw err;
  }
}

/** A list's body: the requests (with their CCs' ids) and, with include=users, the people on them. */
function listBody(ctx: SandboxContext, base: string, user: UserRow, query: Record<string, unknown>, tickets: LoadedTicket[], fields: Record<string, unknown>): Record<string, unknown> {
  const ccs = ctx.people.collaboratorsOf(tickets.map((t) => t.ticket.id));
  const body: Record<string, unknown> = { requests: tickets.map((t) => requestJson(base, t, user, ccs.get(t.ticket.id) ?? [])), ...fields };
  if (includes(query).has('users')) body['users'] = sideloadUsers(ctx, base, user, tickets);
  return body;
}

/** A list of requests beyond the caller's own, filtered, sorted and paged as List Requests. */
function otherList(ctx: SandboxContext, req: FastifyRequest, user: UserRow, keys: (statuses: readonly number[]) => { id: number; created_at: number; updated_at: number }[]): Record<string, unknown> {
  const query = req.query as Record<string, unknown>;
  const sortBy = choice(query, 'sort_by', ['created_at', 'updated_at'] as const, 'created_at');
  const order = choice(query, 'sort_order', ['asc', 'desc'] as const, 'asc');
  const all = sortKeyed(keys(statusFilter(query['status'])).map(keyed(sortBy)), order);
  const base = baseUrl(req);
  const page = paginate(req, base, all, order, readPaging(query));
  return listBody(ctx, base, user, query, ctx.tickets.loadMany(page.items.map((k) => k.id)), page.fields);
}

export function v2RequestRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  // Search Requests: the caller's own requests matching `query` (free text: sandbox/search-query.ts),
  // with `status` as on the list; offset paging only, up to 1,000 results. A static route, so
  // /api/v2/requests/:id never sees "search".
  v2Route(app, ctx, 'GET', '/api/v2/requests/search', async (req, reply) => {
    const user = await requestCaller(ctx, req, 'read');
    const query = req.query as Record<string, unknown>;
    const words = readQuery(query['query'], (message) => new V2Error(400, 'InvalidValue', message));
    const paging = readPaging(query);
    if (paging.kind === 'cursor') throw new V2Error(400, 'InvalidPaginationParameter', 'Search Requests supports offset pagination only (page, per_page)');
    const offset = (paging.page - 1) * paging.perPage;
    if (offset >= SEARCH_RESULTS_LIMIT) {
      throw new V2Error(422, 'InsufficientResourceError', `Search returns at most ${SEARCH_RESULTS_LIMIT} results: page ${paging.page} at ${paging.perPage} a page is past them`);
    }
    const found = searchRequests(ctx, user, words, {
      statuses: statusFilter(query['status']),
      order: searchOrder(query),
      limit: Math.min(paging.perPage, SEARCH_RESULTS_LIMIT - offset),
      offset,
    });
    const base = baseUrl(req);
    const body: Record<string, unknown> = {
      requests: found.items.map((t) => requestJson(base, t, user)),
      ...offsetFields(req, base, paging, found.total, SEARCH_RESULTS_LIMIT),
    };
    if (includes(query).has('users')) body['users'] = sideloadUsers(ctx, base, user, found.items);
    return sendJson(reply, 200, body);
  });

  v2Route(app, ctx, 'GET', '/api/v2/requests', async (req, reply) => {
    const user = await requestCaller(ctx, req, 'read');
    const query = req.query as Record<string, unknown>;
    const sortBy = choice(query, 'sort_by', ['created_at', 'updated_at'] as const, 'created_at');
    const order = choice(query, 'sort_order', ['asc', 'desc'] as const, 'asc');
    const paging = readPaging(query);
    const all = sortKeyed(ctx.tickets.keysForRequester(user.id, statusFilter(query['status'])).map(keyed(sortBy)), order);
    const base = baseUrl(req);
    const page = paginate(req, base, all, order, paging);
    return sendJson(reply, 200, listBody(ctx, base, user, query, ctx.tickets.loadMany(page.items.map((k) => k.id)), page.fields));
  });

  // List Requests' other lists: the caller's CCd requests, and their organization's (only where it
  // shares tickets; another organization's, or one not shared, is 403). Same filter, sort, paging.
  v2Route(app, ctx, 'GET', '/api/v2/requests/ccd', async (req, reply) => {
    const user = await requestCaller(ctx, req, 'read');
    return sendJson(reply, 200, otherList(ctx, req, user, (statuses) => ctx.people.keysCopiedTo(user.id, statuses)));
  });

  v2Route(app, ctx, 'GET', '/api/v2/organizations/:id/requests', async (req, reply) => {
    const user = await requestCaller(ctx, req, 'read');
    const org = ctx.people.organizationOf(user.id);
    const wanted = parseV2Id((req.params as { id: string }).id);
    if (!org || org.id !== wanted || org.shared_tickets !== 1) throw new V2Error(403, 'Forbidden', 'You do not have access to this organization\'s requests');
    return sendJson(reply, 200, otherList(ctx, req, user, (statuses) => ctx.people.keysOfOrganization(org.id, statuses)));
  });

  v2Route(app, ctx, 'GET', '/api/v2/requests/:id', async (req, reply) => {
    const user = await requestCaller(ctx, req, 'read');
    const t = ctx.tickets.load(ownRequest(ctx, user, (req.params as { id: string }).id).id)!;
    const base = baseUrl(req);
    const collaboratorIds = ctx.people.collaborators(t.ticket.id);
    const body: Record<string, unknown> = { request: requestJson(base, t, user, collaboratorIds) };
    // The reference: include=users sideloads "the email ccs for a request"; the requester and authors too.
    if (includes(req.query as Record<string, unknown>).has('users')) body['users'] = sideloadUsers(ctx, base, user, [t], [], collaboratorIds);
    return sendJson(reply, 200, body);
  });

  v2Route(app, ctx, 'POST', '/api/v2/requests', async (req, reply) => {
    const user = await requestCaller(ctx, req, 'write');
    const request = bodyObject(req.body, 'request');
    onlyKeys(request, ['subject', 'comment', 'via_followup_source_id', 'custom_fields', 'ticket_form_id', 'collaborators'], 'request');
    const collaborators = collaboratorEmails(ctx, request['collaborators'], 'collaborators');
    const subject = textField(request['subject'], 'subject', 'Subject', { required: true, max: MAX_SUBJECT });
    if (request['comment'] === undefined) throw recordInvalid('description', 'Description: cannot be blank', 'BlankValue');
    const comment = commentBody(request['comment']);
    const followUpOf = followUpId(request['via_followup_source_id']);
    const { answers, formId } = requestAnswers(ctx, request);
    const { id } = inTransaction(ctx, () => {
      const created = asFieldError('via_followup_source_id', () => createRequest(ctx, user, { subject, description: comment.value, uploads: comment.uploads, followUpOf }));
      saveAnswers(ctx.db, (t, f, v) => ctx.tickets.setField(t, f, v), created.id, answers, formId);
      if (collaborators.length > 0) asFieldError('collaborators', () => addCollaboratorsByEmail(ctx, ctx.tickets.get(created.id)!, collaborators));
      return created;
    });
    const base = baseUrl(req);
    reply.header('location', `${base}/api/v2/requests/${id}.json`);
    return sendJson(reply, 201, { request: requestJson(base, ctx.tickets.load(id)!, user, ctx.people.collaborators(id)) });
  });

  v2Route(app, ctx, 'PUT', '/api/v2/requests/:id', async (req, reply) => {
    const user = await requestCaller(ctx, req, 'write');
    const { t, access } = visibleRequest(ctx, user, (req.params as { id: string }).id);
    const request = bodyObject(req.body, 'request');
    onlyKeys(request, ['comment', 'solved', 'additional_collaborators'], 'request');
    const collaborators = collaboratorEmails(ctx, request['additional_collaborators'], 'additional_collaborators');
    if (!mayComment(ctx, user, access)) throw new V2Error(403, 'Forbidden', 'You can read this request of your organization but not comment on it');
    const comment = request['comment'] === undefined ? undefined : commentBody(request['comment']);
    const solvedRaw = request['solved'];
    // The reference's own example sends "true" as a string.
    const solved = solvedRaw === true || solvedRaw === 'true';
    if (solvedRaw !== undefined && !solved && solvedRaw !== false && solvedRaw !== 'false') throw recordInvalid('solved', 'solved must be true or false');
    if (comment === undefined && !solved && collaborators.length === 0) throw recordInvalid('base', 'Nothing to update: send a comment, additional_collaborators, or solved: true');
    inTransaction(ctx, () => {
      const current = ctx.tickets.get(t.id)!;
      if (current.status_id === STATUS.closed) throw recordInvalid('status', 'Status: closed prevents ticket update', 'ClosedPreventsUpdate');
      // Decided on the request as it was (a comment on a pending request reopens it). When it may not
      // be solved, the help desk answers 200 and leaves the status as it is, as Zendesk does: the
      // caller reads the status in the answer.
      const solvable = solved && canBeSolvedBy(current, user);
      if (collaborators.length > 0) asFieldError('additional_collaborators', () => addCollaboratorsByEmail(ctx, current, collaborators));
      if (comment !== undefined) asFieldError('comment', () => commentOnRequest(ctx, user, current, comment));
      if (solvable) solveRequest(ctx, current);
    });
    return sendJson(reply, 200, { request: requestJson(baseUrl(req), ctx.tickets.load(t.id)!, user, ctx.people.collaborators(t.id)) });
  });

  v2Route(app, ctx, 'GET', '/api/v2/requests/:id/comments', async (req, reply) => {
    const user = await requestCaller(ctx, req, 'read');
    const query = req.query as Record<string, unknown>;
    const t = ctx.tickets.load(ownRequest(ctx, user, (req.params as { id: string }).id).id)!;
    const paging = readPaging(query);
    // Cursor paging sorts with `sort` (created_at | -created_at); offset paging with sort_by/sort_order.
    const order =
      paging.kind === 'cursor'
        ? choice(query, 'sort', ['created_at', '-created_at'] as const, 'created_at') === 'created_at' ? 'asc' : 'desc'
        : choice(query, 'sort_order', ['asc', 'desc'] as const, 'asc');
    if (paging.kind === 'offset') choice(query, 'sort_by', ['created_at', 'updated_at'] as const, 'created_at');
    const role = choice(query, 'role', ['agent', 'end_user', ''] as const, '');
    const since = query['since'];
    const sinceMs = typeof since === 'string' && since !== '' ? Date.parse(since) : undefined;
    if (Number.isNaN(sinceMs)) throw new V2Error(400, 'InvalidValue', 'since must be an ISO 8601 date and time');
    const authors = new Map(ctx.users.byIds([...new Set(t.comments.map((c) => c.author_id))]).map((u) => [u.id, u]));
    const visible = t.comments.filter((c) => {
      if (c.is_public !== 1) return false;
      if (sinceMs !== undefined && c.created_at < sinceMs) return false;
      const isAgent = (authors.get(c.author_id)?.roles ?? 0) !== ROLE.endUser;
      return role === '' || (role === 'agent') === isAgent;
    });
    const all = sortKeyed(visible.map((c) => ({ ...c, key: c.created_at })), order);
    const base = baseUrl(req);
    const page = paginate(req, base, all, order, paging);
    return sendJson(reply, 200, {
      comments: page.items.map((c) => commentJson(base, c, t.attachments.get(c.id) ?? [])),
      // The help desk sideloads the comments' authors on this endpoint without being asked.
      users: usersJson(ctx.files, base, ctx.users.byIds([...new Set(page.items.map((c) => c.author_id))]), (u) => u.id === user.id),
      organizations: [],
      ...page.fields,
    });
  });
}

