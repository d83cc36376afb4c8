// The agent and admin side of the v2 dialect, for tests and the portal's setup:
// users, tickets (internal notes included), API tokens and OAuth tokens.
import type { FastifyInstance } from 'fastify';
import { iso } from '../db';
import { inTransaction, type SandboxContext } from '../context';
import { MAX_SUBJECT, MAX_TEXT } from '../input';
import { OAUTH_SCOPES, type OAuthScope } from '../store/tokens';
import { hashPassword, ROLE, verifyPassword, type Role } from '../store/users';
import type { TicketInput } from '../ticket-input';
import { updateTicket } from '../ticket-rules';
import { v2Admin, v2Caller, v2Staff } from './auth';
import { parseV2Id, recordInvalid, V2Error } from './errors';
import { paginate, readPaging } from './paging';
import { uploadTokens } from './requests';
import { baseUrl, bodyObject, includes, sendJson, v2Route } from './route';
import { anonymousUserJson, STATUS_NAMES, ticketCommentJson, ticketJson, usersJson } from './views';

const ROLES: Record<string, Role> = { 'end-user': ROLE.endUser, agent: ROLE.agent, admin: ROLE.admin };
const PRIORITIES: Record<string, number> = { low: 1, normal: 2, high: 3, urgent: 4 };
const TYPES: Record<string, number> = { question: 1, incident: 2, problem: 3, task: 4 };
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw recordInvalid(key, `${where}.${key} is not supported by the sandbox (accepted: ${allowed.join(', ')})`);
  }
}

function text(value: unknown, field: string, max: number, required = true): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && value.trim() === '')) throw recordInvalid(field, `${field}: cannot be blank`, 'BlankValue');
  if (value.length > max) throw recordInvalid(field, `${field}: is too long (maximum is ${max} characters)`, 'TooLong');
  return value;
}

function named(value: unknown, field: string, table: Record<string, number>): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(value in table)) throw recordInvalid(field, `${field} must be one of: ${Object.keys(table).join(', ')}`);
  return table[value];
}

function nullableId(value: unknown, field: string): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw recordInvalid(field, `${field} must be an id`);
  return value;
}

function tags(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) throw recordInvalid(field, `${field} must be an array of strings`);
  return [...new Set((value as string[]).map((t) => t.toLowerCase().trim()).filter(Boolean))];
}

/** `{"ticket": {...}}` of PUT /api/v2/tickets/{id}, read into the rules' TicketInput. */
function ticketInput(ticket: Record<string, unknown>): TicketInput {
  onlyKeys(ticket, ['subject', 'status', 'priority', 'type', 'assignee_id', 'group_id', 'tags', 'additional_tags', 'remove_tags', 'comment'], 'ticket');
  const statusTable = Object.fromEntries(STATUS_NAMES.map((s, i) => [s, i]));
  const input: TicketInput = {
    subject: text(ticket['subject'], 'subject', MAX_SUBJECT, false),
    statusId: named(ticket['status'], 'status', statusTable),
    priorityId: named(ticket['priority'], 'priority', PRIORITIES),
    ticketTypeId: named(ticket['type'], 'type', TYPES),
    assigneeId: nullableId(ticket['assignee_id'], 'assignee_id'),
    groupId: nullableId(ticket['group_id'], 'group_id'),
    setTags: tags(ticket['tags'], 'tags'),
    additionalTags: tags(ticket['additional_tags'], 'additional_tags'),
    removeTags: tags(ticket['remove_tags'], 'remove_tags'),
  };
  const comment = ticket['comment'];
  if (comment !== undefined) {
    if (typeof comment !== 'object' || comment === null || Array.isArray(comment)) throw recordInvalid('comment', 'comment must be an object');
    const c = comment as Record<string, unknown>;
    onlyKeys(c, ['body', 'public', 'uploads'], 'comment');
    if (c['public'] !== undefined && typeof c['public'] !== 'boolean') throw recordInvalid('public', 'comment.public must be true or false');
    // Files on an agent's comment, public or an internal note (never shown to end users then).
    input.comment = { value: text(c['body'], 'body', MAX_TEXT)!, isPublic: c['public'] !== false, uploads: uploadTokens(c['uploads']) };
  }
  for (const k of Object.keys(input) as (keyof TicketInput)[]) if (input[k] === undefined) delete input[k];
  return input;
}

/** The User Passwords API's body is flat: `{"password": "..."}`, not wrapped in `{"user": ...}`. */
function passwordBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body === 'string') throw new V2Error(415, 'UnsupportedMediaType', 'Send a JSON body with Content-Type: application/json');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new V2Error(400, 'BadRequest', 'The body must be a JSON object with "password"');
  const obj = body as Record<string, unknown>;
  onlyKeys(obj, allowed, 'body');
  return obj;
}

export function v2AdminRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  // Registered before /users/:id; the static path wins in Fastify's router.
  v2Route(app, ctx, 'GET', '/api/v2/users/me', async (req, reply) => {
    // The reference allows this route for anonymous users: no credentials at all get the anonymous
    // user (id null), not a 401. Wrong credentials still are a 401.
    if (req.headers.authorization === undefined && req.headers['x-on-behalf-of'] === undefined) {
      return sendJson(reply, 200, { user: anonymousUserJson() });
    }
    const { user } = await v2Caller(ctx, req.headers, 'read');
    // The user's own organization_id, and include=organizations sideloads it (Side-loading): its
    // shared_tickets and shared_comments tell a client which lists the customer has.
    const org = ctx.people.organizationOf(user.id);
    const body: Record<string, unknown> = { user: { ...usersJson(ctx.files, baseUrl(req), [user], () => true)[0], organization_id: org?.id ?? null } };
    if (includes(req.query as Record<string, unknown>).has('organizations')) {
      body['organizations'] = org ? [{ id: org.id, name: org.name, shared_tickets: org.shared_tickets === 1, shared_comments: org.shared_comments === 1 }] : [];
    }
    return sendJson(reply, 200, body);
  });

  v2Route(app, ctx, 'GET', '/api/v2/users', async (req, reply) => {
    await v2Staff(ctx, req.headers, 'read');
    const base = baseUrl(req);
    const all = ctx.users.page(0, Number.MAX_SAFE_INTEGER).items.map((u) => ({ ...u, key: u.id }));
    const page = paginate(req, base, all, 'asc', readPaging(req.query as Record<string, unknown>));
    return sendJson(reply, 200, { users: usersJson(ctx.files, base, page.items, () => true), ...page.fields });
  });

  v2Route(app, ctx, 'GET', '/api/v2/users/:id', async (req, reply) => {
    await v2Staff(ctx, req.headers, 'read');
    const user = ctx.users.byId(parseV2Id((req.params as { id: string }).id));
    if (!user) throw new V2Error(404, 'RecordNotFound', 'Not found');
    return sendJson(reply, 200, { user: usersJson(ctx.files, baseUrl(req), [user], () => true)[0] });
  });

  v2Route(app, ctx, 'POST', '/api/v2/users', async (req, reply) => {
    const { user: caller } = await v2Staff(ctx, req.headers, 'write');
    const body = bodyObject(req.body, 'user');
    onlyKeys(body, ['name', 'email', 'role', 'verified', 'password'], 'user');
    const name = text(body['name'], 'name', 100)!;
    const email = text(body['email'], 'email', 254)!.trim();
    if (!EMAIL.test(email)) throw recordInvalid('email', `Email: ${email} is not properly formatted`);
    const roles = body['role'] === undefined ? ROLE.endUser : named(body['role'], 'role', ROLES)!;
    if (body['verified'] !== undefined && typeof body['verified'] !== 'boolean') throw recordInvalid('verified', 'verified must be true or false');
    const password = text(body['password'], 'password', 200, false);
    if (roles !== ROLE.endUser && caller.roles !== ROLE.admin) throw new V2Error(403, 'Forbidden', 'Only admins can create agents and admins');
    const taken = () => recordInvalid('email', `Email: ${email} is already being used by another user`, 'DuplicateValue');
    if (ctx.users.byEmail(email)) throw taken();
    const passwordHash = password ? await hashPassword(password) : null;
    const created = inTransaction(ctx, () => {
      if (ctx.users.byEmail(email)) throw taken();
      return ctx.users.create({ name, email, passwordHash, roles: roles as Role, verified: body['verified'] !== false });
    });
    const base = baseUrl(req);
    reply.header('location', `${base}/api/v2/users/${created.id}.json`);
    return sendJson(reply, 201, { user: usersJson(ctx.files, base, [created], () => true)[0] });
  });

  // User Passwords API. POST: an admin sets a user's password (on a real Zendesk only when the
  // account allows it). PUT: a user changes their own, giving the current one. Both answer 200
  // with an empty body, as Zendesk does; the sandbox remembers when (password_changed_at).
  v2Route(app, ctx, 'POST', '/api/v2/users/:id/password', async (req, reply) => {
    await v2Admin(ctx, req.headers);
    const id = parseV2Id((req.params as { id: string }).id);
    if (!ctx.users.byId(id)) throw new V2Error(404, 'RecordNotFound', 'Not found');
    const body = passwordBody(req.body, ['password']);
    const passwordHash = await hashPassword(text(body['password'], 'password', 200)!);
    inTransaction(ctx, () => ctx.users.changePassword(id, passwordHash));
    return reply.code(200).send();
  });

  v2Route(app, ctx, 'PUT', '/api/v2/users/:id/password', async (req, reply) => {
    const { actor, user } = await v2Caller(ctx, req.headers, 'write');
    const id = parseV2Id((req.params as { id: string }).id);
    // Nobody changes another user's password this way: it needs the current one.
    if (id !== user.id || actor.id !== user.id) throw new V2Error(403, 'Forbidden', 'You can only change your own password');
    const body = passwordBody(req.body, ['previous_password', 'password']);
    const previous = text(body['previous_password'], 'previous_password', 200)!;
    if (!(await verifyPassword(previous, user.password_hash))) throw recordInvalid('previous_password', 'Previous password is not correct');
    const passwordHash = await hashPassword(text(body['password'], 'password', 200)!);
    inTransaction(ctx, () => ctx.users.changePassword(id, passwordHash));
    return reply.code(200).send();
  });

  v2Route(app, ctx, 'GET', '/api/v2/tickets', async (req, reply) => {
    await v2Staff(ctx, req.headers, 'read');
    const base = baseUrl(req);
    const all = ctx.tickets.allKeys().map((k) => ({ id: k.id, key: k.id })).sort((a, b) => a.id - b.id);
    const page = paginate(req, base, all, 'asc', readPaging(req.query as Record<string, unknown>));
    return sendJson(reply, 200, { tickets: ctx.tickets.loadMany(page.items.map((k) => k.id)).map((t) => ticketJson(base, t)), ...page.fields });
  });

  v2Route(app, ctx, 'GET', '/api/v2/tickets/:id', async (req, reply) => {
    await v2Staff(ctx, req.headers, 'read');
    const t = ctx.tickets.load(parseV2Id((req.params as { id: string }).id));
    if (!t) throw new V2Error(404, 'RecordNotFound', 'Not found');
    return sendJson(reply, 200, { ticket: ticketJson(baseUrl(req), t) });
  });

  v2Route(app, ctx, 'GET', '/api/v2/tickets/:id/comments', async (req, reply) => {
    await v2Staff(ctx, req.headers, 'read');
    const t = ctx.tickets.load(parseV2Id((req.params as { id: string }).id));
    if (!t) throw new V2Error(404, 'RecordNotFound', 'Not found');
    const base = baseUrl(req);
    const comments = t.comments.map((c) => ticketCommentJson(base, c, t.attachments.get(c.id) ?? []));
    return sendJson(reply, 200, { comments, next_page: null, previous_page: null, count: t.comments.length });
  });

  v2Route(app, ctx, 'PUT', '/api/v2/tickets/:id', async (req, reply) => {
    const { user } = await v2Staff(ctx, req.headers, 'write');
    const id = parseV2Id((req.params as { id: string }).id);
    if (!ctx.tickets.get(id)) throw new V2Error(404, 'RecordNotFound', 'Not found');
    const input = ticketInput(bodyObject(req.body, 'ticket'));
    inTransaction(ctx, () => {
      const current = ctx.tickets.get(id);
      if (!current) throw new V2Error(404, 'RecordNotFound', 'Not found');
      updateTicket(ctx, user, current, input);
    });
    return sendJson(reply, 200, { ticket: ticketJson(baseUrl(req), ctx.tickets.load(id)!) });
  });

  v2Route(app, ctx, 'POST', '/api/v2/api_tokens', async (req, reply) => {
    await v2Admin(ctx, req.headers);
    const body = req.body === undefined ? {} : bodyObject(req.body, 'api_token');
    onlyKeys(body, ['description'], 'api_token');
    const description = text(body['description'], 'description', 255, false) ?? '';
    const { row, secret } = inTransaction(ctx, () => ctx.tokens.createApiToken(description, ctx.now()));
    return sendJson(reply, 201, { api_token: { id: row.id, token: secret, description: row.description, active: true, created_at: iso(row.created_at) } });
  });

  v2Route(app, ctx, 'POST', '/api/v2/oauth/tokens', async (req, reply) => {
    const { user: admin } = await v2Admin(ctx, req.headers);
    const body = bodyObject(req.body, 'token');
    onlyKeys(body, ['client_id', 'scopes', 'user_id'], 'token');
    const scopes = body['scopes'];
    if (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => !(OAUTH_SCOPES as readonly unknown[]).includes(s))) {
      throw recordInvalid('scopes', `scopes must be a non-empty array of: ${OAUTH_SCOPES.join(', ')}`);
    }
    const clientId = nullableId(body['client_id'], 'client_id') ?? null;
    const userId = nullableId(body['user_id'], 'user_id') ?? admin.id;
    if (!ctx.users.byId(userId)) throw recordInvalid('user_id', `User ${userId} does not exist`);
    const { row, secret } = inTransaction(ctx, () => ctx.tokens.createOAuthToken(userId, clientId, [...new Set(scopes as OAuthScope[])], ctx.now()));
    return sendJson(reply, 201, {
      token: {
        id: row.id,
        url: `${baseUrl(req)}/api/v2/oauth/tokens/${row.id}.json`,
        user_id: row.user_id,
        client_id: row.client_id,
        token: row.token_prefix,
        full_token: secret,
        refresh_token: null,
        scopes: row.scopes.split(' '),
        created_at: iso(row.created_at),
        expires_at: null,
        used_at: null,
      },
    });
  });
}
