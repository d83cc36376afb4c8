// /requests: the end user's side of the help desk. Everything here answers
// with the reduced request view (views.ts requestNode), never the full ticket.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiRoute, baseUrl, inTransaction, type SandboxContext } from '../context';
import { badRequest, forbidden, notFound, parseId, parsePage, sendXml, unprocessable } from '../errors';
import { childrenByName, expectRoot, MAX_SUBJECT, parseBody, readBool, readInt, readText } from '../input';
import { classicListOrder, classicSearchOrder, classicStatuses } from '../list-query';
import { readQuery, searchRequests } from '../request-search';
import { PeopleStore } from '../store/people';
import { PAGE_SIZE, STATUS, type TicketRow } from '../store/tickets';
import { addCollaboratorsByEmail, MAX_COLLABORATORS, mayComment, requestAccess, type RequestAccess } from '../request-access';
import { ROLE, type UserRow } from '../store/users';
import { canBeSolvedBy, commentOnRequest, createRequest, solveRequest } from '../ticket-rules';
import { readComment, readFieldEntries, readUploads, type CommentInput } from '../ticket-input';
import { checkAnswers, saveAnswers } from '../field-rules';
import type { XmlElement } from '../xml';
import { requestNode, requestXml, searchResultNode, ticketListXml } from '../views';

/** A request the caller may see (request-access.ts): their own, one they are copied on, or their
 * shared organization's. Anyone else's is "not found", exactly like a missing one, so ids reveal
 * nothing. */
function visibleRequest(ctx: SandboxContext, user: UserRow, rawId: string): { t: TicketRow; access: RequestAccess } {
  const t = ctx.tickets.get(parseId(rawId));
  const access = t ? requestAccess(ctx, user, t) : null;
  if (!t || access === null) throw notFound('Request not found');
  return { t, access };
}

/** `<collaborators>` / `<additional-collaborators>` (the sandbox's extension): email addresses separated by spaces. */
function readEmails(e: XmlElement): string[] {
  const emails = readText(e, { max: 20_000 }).split(/\s+/).filter(Boolean);
  if (emails.length > MAX_COLLABORATORS) throw unprocessable(`<${e.name}>: at most ${MAX_COLLABORATORS} email addresses`);
  return emails;
}

/**
 * The body of PUT /requests/{id}: the seed's `<comment><value/></comment>`, or the sandbox's
 * extension `<ticket><solved>true</solved><comment>…</comment></ticket>` (the comment optional) to
 * mark the request solved in the same call.
 */
function readRequestUpdate(root: XmlElement): { comment?: CommentInput; solved: boolean; collaborators: string[] } {
  expectRoot(root, 'comment', 'ticket');
  if (root.name === 'comment') return { comment: readComment(root, false), solved: false, collaborators: [] };
  const el = childrenByName(root, new Set(['solved', 'comment', 'additional-collaborators']));
  const solvedEl = el.get('solved');
  const commentEl = el.get('comment');
  const ccEl = el.get('additional-collaborators');
  const collaborators = ccEl ? readEmails(ccEl) : [];
  const solved = solvedEl ? readBool(solvedEl) : false;
  if (!solved && !commentEl && collaborators.length === 0) throw unprocessable('Nothing to update: send <solved>true</solved>, a <comment>, <additional-collaborators>, or some of them');
  return { ...(commentEl ? { comment: readComment(commentEl, false) } : {}), solved, collaborators };
}

/** The classic lists beyond the caller's own: the same status, sort and paging as /requests. */
function otherList(ctx: SandboxContext, req: FastifyRequest, user: UserRow, keys: (statuses: readonly number[]) => { id: number; created_at: number; updated_at: number }[]): string {
  const query = req.query as Record<string, unknown>;
  const page = parsePage(query['page']);
  const { total, ids } = PeopleStore.pageOf(keys(classicStatuses(query)), page, PAGE_SIZE, classicListOrder(query));
  return ticketListXml(ctx.tickets.loadMany(ids), total, (t) => requestNode(t, user, baseUrl(req)));
}

export function requestRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  // The seed's list: open requests, newest update first. The sandbox's extensions: status, sort-by, sort-order.
  apiRoute(app, ctx, 'GET', '/requests', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const query = req.query as Record<string, unknown>;
    const page = parsePage(query['page']);
    const { total, items } = ctx.tickets.pageForRequester(user.id, classicStatuses(query), page, classicListOrder(query));
    return sendXml(reply, 200, ticketListXml(items, total, (t) => requestNode(t, user, baseUrl(req))));
  });

  // The sandbox's extension: the caller's requests matching `query`, paged and filtered like the
  // list, each with a <snippet> of where the words matched. A static route: /requests/:id never sees "search".
  apiRoute(app, ctx, 'GET', '/requests/search', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const query = req.query as Record<string, unknown>;
    const words = readQuery(query['query'], badRequest);
    const page = parsePage(query['page']);
    const found = searchRequests(ctx, user, words, {
      statuses: classicStatuses(query),
      order: classicSearchOrder(query),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const base = baseUrl(req);
    return sendXml(reply, 200, ticketListXml(found.items, found.total, (t) => searchResultNode(t, user, base, found.snippets.get(t.ticket.id) ?? null)));
  });

  // The sandbox's extension: the requests the caller is copied on (v2's GET /api/v2/requests/ccd),
  // with the list's status, sort and paging. Static, so /requests/:id never sees "ccd".
  apiRoute(app, ctx, 'GET', '/requests/ccd', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    return sendXml(reply, 200, otherList(ctx, req, user, (statuses) => ctx.people.keysCopiedTo(user.id, statuses)));
  });

  // The sandbox's extension: the caller's organization's requests (v2's
  // GET /api/v2/organizations/{id}/requests), only where it shares tickets; otherwise 403.
  apiRoute(app, ctx, 'GET', '/requests/organization', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const org = ctx.people.organizationOf(user.id);
    if (!org || org.shared_tickets !== 1) throw forbidden('Your organization does not share its requests');
    return sendXml(reply, 200, otherList(ctx, req, user, (statuses) => ctx.people.keysOfOrganization(org.id, statuses)));
  });

  apiRoute(app, ctx, 'GET', '/requests/:id', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const { t } = visibleRequest(ctx, user, (req.params as { id: string }).id);
    return sendXml(reply, 200, requestXml(ctx, ctx.tickets.load(t.id)!, user, baseUrl(req)));
  });

  apiRoute(app, ctx, 'POST', '/requests', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const root = parseBody(req.body);
    expectRoot(root, 'ticket');
    // The sandbox's extensions: <uploads> (files for the first comment) and <via-followup-source-id>
    // (v2's via_followup_source_id, a closed request this one follows up).
    // The seed's <ticket-field-entries> (only fields an end user may set: field-rules.ts) and the
    // sandbox's <ticket-form-id> (the ticket form the customer chose).
    const el = childrenByName(root, new Set(['subject', 'description', 'uploads', 'via-followup-source-id', 'ticket-field-entries', 'ticket-form-id', 'collaborators']));
    const subjectEl = el.get('subject');
    const descriptionEl = el.get('description');
    if (!descriptionEl) throw unprocessable('<description> is required');
    const description = readText(descriptionEl, { required: true });
    const subject = subjectEl ? readText(subjectEl, { max: MAX_SUBJECT }) : '';
    const followUpEl = el.get('via-followup-source-id');
    const followUpOf = followUpEl ? readInt(followUpEl, 1, Number.MAX_SAFE_INTEGER) : null;
    const uploadsEl = el.get('uploads');
    const uploads = uploadsEl ? readUploads(uploadsEl) : [];
    const ccEl = el.get('collaborators');
    const collaborators = ccEl ? readEmails(ccEl) : [];
    const formEl = el.get('ticket-form-id');
    const formId = formEl && !formEl.nil ? readInt(formEl, 1, Number.MAX_SAFE_INTEGER) : null;
    const entriesEl = el.get('ticket-field-entries');
    const answers = checkAnswers(ctx.db, entriesEl ? readFieldEntries(entriesEl) : [], formId);
    const { id } = inTransaction(ctx, () => {
      const created = createRequest(ctx, user, { subject, description, uploads, followUpOf });
      saveAnswers(ctx.db, (t, f, v) => ctx.tickets.setField(t, f, v), created.id, answers, formId);
      if (collaborators.length > 0) addCollaboratorsByEmail(ctx, ctx.tickets.get(created.id)!, collaborators);
      return created;
    });
    reply.header('location', `/requests/${id}.xml`);
    return sendXml(reply, 201, requestXml(ctx, ctx.tickets.load(id)!, user, baseUrl(req)));
  });

  apiRoute(app, ctx, 'PUT', '/requests/:id', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const { t, access } = visibleRequest(ctx, user, (req.params as { id: string }).id);
    const { comment, solved, collaborators } = readRequestUpdate(parseBody(req.body));
    if (!mayComment(ctx, user, access)) throw forbidden('You can read this request of your organization but not comment on it');
    inTransaction(ctx, () => {
      const current = ctx.tickets.get(t.id)!;
      if (current.status_id === STATUS.closed) throw unprocessable('Closed requests cannot be updated');
      if (collaborators.length > 0) addCollaboratorsByEmail(ctx, current, collaborators);
      // Decided on the request as it was: a comment on a pending request reopens it, which must not change the answer.
      if (solved && !canBeSolvedBy(current, user)) {
        throw unprocessable('This request cannot be marked as solved by you now (can-be-solved-by-me is false)');
      }
      if (comment) commentOnRequest(ctx, user, current, comment);
      if (solved) solveRequest(ctx, current);
    });
    return sendXml(reply, 200, requestXml(ctx, ctx.tickets.load(t.id)!, user, baseUrl(req)));
  });

  apiRoute(app, ctx, 'DELETE', '/requests/:id', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    if (user.roles !== ROLE.admin) throw forbidden('Only admins can destroy requests');
    const id = parseId((req.params as { id: string }).id);
    const files = inTransaction(ctx, () => {
      const keys = ctx.files.keysOfTicket(id);
      if (!ctx.tickets.delete(id)) throw notFound('Request not found');
      return keys;
    });
    await ctx.files.removeFiles(files);
    return reply.code(200).send();
  });
}
