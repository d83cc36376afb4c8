import 'server-only';
import { REQUEST_ID_PATTERN } from '../../forms/text';
import { HelpdeskBadResponseError, HelpdeskForbiddenError, HelpdeskNotFoundError, notSolvedError } from '../errors';
import { credentialRules } from '../credentials';
import { checkedUpload, downloadFound } from '../attachments';
import { basicAuth, helpdeskFetch, helpdeskUpload, probe, type Codec } from '../transport';
import { checkPage, NEWEST_UPDATE_FIRST, SHOWN } from '../list-options';
import { createFieldCache, settled } from '../field-cache';
import { answersFor } from '../fields';
import { getConfig } from '../../platform/config';
import { parseFieldsJson, parseFormsJson, parseRequestEntriesJson } from './fields-json';
import type { Caller, Credentials, Helpdesk, RequestListOptions, RequestListStatus, RequestListView, RequestPage, Requester, SearchPage, SupportRequest } from '../types';
import { buildCommentJson, buildNewRequestJson } from './bodies';
import {
  findAttachmentJson,
  findPhotoJson,
  parseCommentsJson,
  parseCreatedRequestId,
  parseErrorsJson,
  parseRequestDetailsJson,
  parseRequestJson,
  parseRequestListJson,
  parseSearchJson,
  parseUploadJson,
  parseUserJson,
  PER_PAGE,
  toSupportRequest,
} from './json';

/**
 * Zendesk's API v2 (JSON): the end-user Requests API (`/api/v2/requests…`) and `users/me`.
 *
 * Calls go as the customer (Basic email:password, end-user mode) or, in the on-behalf-of mode,
 * with an API token that calls as the customer (Basic `email/token:TOKEN`) or an OAuth token with
 * the impersonate scope plus `X-On-Behalf-Of: <email>`. Sign-in always checks the customer's own
 * password (users/me with Basic email:password): neither token can.
 *
 * One help desk call per method, except `getRequest`: the request and its comments are two
 * endpoints in v2 (a request cannot sideload its comments), so a request page makes two calls, at
 * the same time; and a file or photo: the comments call to find it, then the file. Files come from
 * the content URL only on the help desk's own origin (HELPDESK_URL): credentials go nowhere else.
 */

// Offset pagination stops at 10,000 records (page × per_page); beyond that Zendesk answers 400.
const MAX_PAGE = Math.floor(10_000 / PER_PAGE);
// Search Requests returns up to 1,000 results per query; a page past them is a 422.
const MAX_SEARCH_PAGE = Math.floor(1_000 / PER_PAGE);
/** The most comments one conversation shows (the endpoint's page size limit). */
const MAX_COMMENTS = 100;
/**
 * users/me's `password_changed_at`. Zendesk's User object has no such field (only the sandbox adds
 * it): against a real Zendesk the answer carries no time, so no session is ended by a password
 * change there, and each re-check is one users/me call every SESSION_RECHECK_SECONDS spent for nothing.
 */
const PASSWORD_CHANGES = true;

export const v2Codec: Codec = { mediaType: 'application/json', parseErrors: parseErrorsJson };

/** Zendesk's statuses behind the portal's filters ("hold" shows as open to customers); `all`: no filter. */
const STATUSES: Record<RequestListStatus, string | null> = { open: 'new,open,pending,hold', pending: 'pending', solved: 'solved,closed', all: null };

/**
 * The list's and the search's filter and order: `status` (documented on Search Requests; List
 * Requests names none, so the answer is checked too), `sort_by` and `sort_order` (List Requests; on
 * Search Requests they are the Search API's parameters, the same as its `order_by:`/`sort:` words).
 */
function filterQuery({ status, page, sort = NEWEST_UPDATE_FIRST }: RequestListOptions): URLSearchParams {
  const query = new URLSearchParams();
  const statuses = STATUSES[status];
  if (statuses !== null) query.set('status', statuses);
  query.set('sort_by', sort.by === 'created' ? 'created_at' : 'updated_at');
  query.set('sort_order', sort.direction);
  query.set('page', String(page));
  query.set('per_page', String(PER_PAGE));
  return query;
}

/** The comments call, with their authors (`include=users`): the same for a page, a file and a photo. */
const commentsQuery = new URLSearchParams({ include: 'users', per_page: String(MAX_COMMENTS) });

/** List Requests' lists: the caller's own, those they are copied on, their organization's. */
function listPath(view: RequestListView, caller: Caller): string {
  if (view === 'ccd') return '/api/v2/requests/ccd.json';
  if (view === 'mine') return '/api/v2/requests.json';
  if (!caller.organizationId || !REQUEST_ID_PATTERN.test(caller.organizationId)) throw new HelpdeskNotFoundError('no organization to list the requests of');
  return `/api/v2/organizations/${caller.organizationId}/requests.json`;
}

function requestPath(id: string, rest = '.json'): string {
  if (!REQUEST_ID_PATTERN.test(id)) throw new HelpdeskNotFoundError('request id is not a number');
  return `/api/v2/requests/${id}${rest}`;
}

export function createV2Helpdesk(settings: { token: { kind: 'api-token' | 'oauth'; token: string } | null; fieldsTtlSeconds?: () => number }): Helpdesk {
  const { token } = settings;

  function authHeaders(credentials: Credentials): Record<string, string> {
    if (credentials.kind === 'password') return { Authorization: basicAuth(credentials.email, credentials.password) };
    // Only built when a token is configured (onBehalfOf/callerFor), so this is a bug, not a user error.
    if (!token) throw new Error('on-behalf-of credentials without HELPDESK_API_TOKEN or HELPDESK_OAUTH_TOKEN');
    if (token.kind === 'api-token') return { Authorization: basicAuth(`${credentials.email}/token`, token.token) };
    return { Authorization: `Bearer ${token.token}`, 'X-On-Behalf-Of': credentials.email };
  }

  const call = (caller: Caller) => ({ codec: v2Codec, auth: authHeaders(caller.credentials), requesterId: caller.requesterId });

  const fields = createFieldCache(async (caller) => {
    const [fieldList, forms] = await settled(
      helpdeskFetch('/api/v2/ticket_fields.json', { method: 'GET', ...call(caller) }).then(({ text }) => parseFieldsJson(text)),
      // Ticket forms are a plan feature: a help desk without them (403/404) simply has none.
      helpdeskFetch('/api/v2/ticket_forms.json?active=true&end_user_visible=true', { method: 'GET', ...call(caller) }).then(
        ({ text }) => text,
        (error: unknown) => {
          if (error instanceof HelpdeskNotFoundError || error instanceof HelpdeskForbiddenError) return null;
          throw error;
        },
      ),
    );
    return { fields: fieldList, forms: forms === null ? [] : parseFormsJson(forms, fieldList) };
  }, settings.fieldsTtlSeconds ?? (() => getConfig().helpdeskFieldsTtlSeconds));

  return {
    // ccs: Create/Update Request's collaborators; sharedLists: List Requests' /requests/ccd and /organizations/{id}/requests.
    capabilities: { attachments: true, solveRequests: true, customFields: true, search: true, passwordChanges: PASSWORD_CHANGES, ccs: true, sharedLists: true },
    lastPage: { list: MAX_PAGE, search: MAX_SEARCH_PAGE },
    ...credentialRules(token !== null),

    async whoAmI(credentials): Promise<Requester> {
      // include=organizations: whether the customer's organization shares requests, learnt once at sign-in.
      const { text } = await helpdeskFetch('/api/v2/users/me.json?include=organizations', { method: 'GET', codec: v2Codec, auth: authHeaders(credentials) });
      return parseUserJson(text);
    },

    async listRequests(caller, options): Promise<RequestPage> {
      checkPage(options.page, MAX_PAGE);
      const { text } = await helpdeskFetch(`${listPath(options.view ?? 'mine', caller)}?${filterQuery(options)}`, { method: 'GET', ...call(caller) });
      return parseRequestListJson(text, options.page, SHOWN[options.status]);
    },

    /** Search Requests: `GET /api/v2/requests/search.json?query=…`, the customer's words as typed (Zendesk's search syntax). */
    async searchRequests(caller, options): Promise<SearchPage> {
      checkPage(options.page, MAX_SEARCH_PAGE);
      const query = new URLSearchParams({ query: options.query });
      for (const [name, value] of filterQuery(options)) query.set(name, value);
      const { text } = await helpdeskFetch(`/api/v2/requests/search.json?${query}`, { method: 'GET', ...call(caller) });
      return parseSearchJson(text, options.page, MAX_SEARCH_PAGE, SHOWN[options.status]);
    },

    async getRequest(caller, id): Promise<SupportRequest> {
      const [request, comments] = await Promise.all([
        // include=users: the requester's name (Requests API, side-loading).
        helpdeskFetch(requestPath(id, '.json?include=users'), { method: 'GET', ...call(caller) }).then(({ text }) => ({
          details: parseRequestDetailsJson(text, caller),
          entries: parseRequestEntriesJson(text),
        })),
        helpdeskFetch(requestPath(id, `/comments.json?${commentsQuery}`), { method: 'GET', ...call(caller) }).then(({ text }) =>
          parseCommentsJson(text, caller),
        ),
      ]);
      // The definitions only when there are answers to name: from the cache, so a warm page stays two calls.
      return toSupportRequest(request.details, comments, await answersFor(request.entries, () => fields.get(caller)));
    },

    /** List Ticket Fields and List Ticket Forms ("Allowed for: Anyone"), at once, as the customer; cached. */
    requestFields: (caller) => fields.get(caller),

    async createRequest(caller, input) {
      if (input.followUpOf !== null && !REQUEST_ID_PATTERN.test(input.followUpOf)) throw new HelpdeskNotFoundError('follow-up source id is not a number');
      const { text } = await helpdeskFetch('/api/v2/requests.json', { method: 'POST', ...call(caller), body: buildNewRequestJson(input) });
      const id = parseCreatedRequestId(text);
      // The request was created, but the portal cannot link to it: say so rather than guess.
      if (id === null) throw new HelpdeskBadResponseError('help desk created a request without saying its id');
      return { id };
    },

    /** Body, files and "solved" in one Update Request. */
    async addComment(caller, id, input) {
      const { text } = await helpdeskFetch(requestPath(id), { method: 'PUT', ...call(caller), body: buildCommentJson(input) });
      // A 200 whose answer is cut off or garbled leaves it open whether the comment was saved: a
      // failure to report (and to check before sending again), not a success. No answer is fine for
      // a comment; a request to be solved must come back solved, since Zendesk answers 200 and
      // changes nothing when it may not be solved.
      if (text.trim() === '') {
        if (input.solve) throw new HelpdeskBadResponseError('help desk answered a solve without the request: cannot tell whether it is solved');
        return;
      }
      const answer = parseRequestJson(text);
      if (input.solve && answer.status !== 'solved' && answer.status !== 'closed') throw notSolvedError();
    },

    /** Upload Files: `POST /api/v2/uploads.json?filename=NAME`, the file itself as the body, streamed. */
    async uploadFile(caller, file) {
      const { fileName, contentType, size } = checkedUpload(file);
      const query = new URLSearchParams({ filename: fileName });
      const { text } = await helpdeskUpload(`/api/v2/uploads.json?${query}`, { ...call(caller), file: { stream: file.body, contentType, length: size } });
      return parseUploadJson(text);
    },

    /** The comments call alone finds it among the public comments' files; then one call for the file. */
    async openAttachment(caller, requestId, attachmentId) {
      if (!/^\d+$/.test(attachmentId)) throw new HelpdeskNotFoundError('attachment id is not a number');
      const { text } = await helpdeskFetch(requestPath(requestId, `/comments.json?${commentsQuery}`), { method: 'GET', ...call(caller) });
      return downloadFound(findAttachmentJson(text, attachmentId), call(caller), 'attachment');
    },

    /** The photo of a public comment's author, from the comments call's sideloaded users. */
    async openPhoto(caller, requestId, userId) {
      if (!/^\d+$/.test(userId)) throw new HelpdeskNotFoundError('user id is not a number');
      const { text } = await helpdeskFetch(requestPath(requestId, `/comments.json?${commentsQuery}`), { method: 'GET', ...call(caller) });
      return downloadFound(findPhotoJson(text, userId), call(caller), 'photo');
    },

    probe: (timeoutMs) => probe('/api/v2/users/me.json', v2Codec, timeoutMs),
  };
}
