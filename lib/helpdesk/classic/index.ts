import 'server-only';
import { REQUEST_ID_PATTERN } from '../../forms/text';
import { HelpdeskBadResponseError, HelpdeskNotFoundError, notSolvedError } from '../errors';
import { endUserByEmail } from '../end-user';
import { credentialRules } from '../credentials';
import { checkedUpload, downloadFound } from '../attachments';
import { basicAuth, helpdeskFetch, helpdeskUpload, probe, type Codec } from '../transport';
import { checkPage, NEWEST_UPDATE_FIRST, SHOWN } from '../list-options';
import { createFieldCache, settled } from '../field-cache';
import { answersFor } from '../fields';
import { getConfig } from '../../platform/config';
import { parseFieldsXml, parseFormsXml, toFieldSet } from './fields-xml';
import type { Caller, Credentials, Helpdesk, RequestListOptions, RequestListView, RequestPage, Requester, SearchPage, SupportRequest } from '../types';
import {
  buildNewRequestXml,
  buildRequestUpdateXml,
  findAttachmentXml,
  findPhotoXml,
  parseCreatedRequestId,
  parseEndUserXml,
  parseErrorsXml,
  parseRequestListXml,
  parseRequestWithEntriesXml,
  parseWriteAnswerXml,
  parseSearchXml,
  parseUploadXml,
  parseUserXml,
} from './xml';

/**
 * The classic XML API (`/requests.xml`, `/users/current.xml`), documented in the seed, with the
 * bundled sandbox's documented extensions (names on comments, marking solved, follow-ups, files).
 * Each method makes exactly one help desk call (a retried GET is still one call), except the
 * downloads: one call to find the file on the request, one to fetch it.
 *
 * Calls go as the customer (Basic email:password, end-user mode) or as the portal's agent with
 * `X-On-Behalf-Of: <customer email>` (on-behalf-of mode, HELPDESK_AGENT_EMAIL/_PASSWORD).
 */

const MAX_PAGE = 10_000;

/**
 * The seed's list has no parameters but `page` (open requests, newest update first); the sandbox's
 * documented extensions add `status`, `sort-by` and `sort-order`. Only what differs from the seed's
 * list is sent, so the default list is the seed's own call.
 */
function listQuery({ status, page, sort = NEWEST_UPDATE_FIRST }: RequestListOptions): URLSearchParams {
  const query = new URLSearchParams({ page: String(page) });
  if (status !== 'open') query.set('status', status);
  if (sort.by !== 'updated') query.set('sort-by', 'created-at');
  if (sort.direction !== 'desc') query.set('sort-order', 'asc');
  return query;
}
/**
 * CCs (`<collaborators>`, `<additional-collaborators>`, `<collaborator-ids>`) and the lists beyond
 * the caller's own (`/requests/ccd`, `/requests/organization`, the organization in
 * `/users/current`): the sandbox's documented extensions (sandbox/README.md).
 */
const SHARED = { ccs: true, sharedLists: true } as const;
const LIST_PATHS: Record<RequestListView, string> = { mine: '/requests.xml', ccd: '/requests/ccd.xml', organization: '/requests/organization.xml' };

/** The current user's <password-changed-at> (the sandbox's documented extension of the classic API). */
const PASSWORD_CHANGES = true;

/** A list the help desk does not have (404): none. Anything else is a failure. */
function noneWhenMissing(error: unknown): null {
  if (error instanceof HelpdeskNotFoundError) return null;
  throw error;
}

export const classicCodec: Codec = { mediaType: 'application/xml', parseErrors: parseErrorsXml };

function requestPath(id: string): string {
  if (!REQUEST_ID_PATTERN.test(id)) throw new HelpdeskNotFoundError('request id is not a number');
  return `/requests/${id}.xml`;
}

export function createClassicHelpdesk(settings: { agent: { email: string; password: string } | null; fieldsTtlSeconds?: () => number }): Helpdesk {
  const { agent } = settings;

  function authHeaders(credentials: Credentials): Record<string, string> {
    if (credentials.kind === 'password') return { Authorization: basicAuth(credentials.email, credentials.password) };
    // Only built when an agent is configured (onBehalfOf/callerFor), so this is a bug, not a user error.
    if (!agent) throw new Error('on-behalf-of credentials without HELPDESK_AGENT_EMAIL/HELPDESK_AGENT_PASSWORD');
    return { Authorization: basicAuth(agent.email, agent.password), 'X-On-Behalf-Of': credentials.email };
  }

  const call = (caller: Caller) => ({ codec: classicCodec, auth: authHeaders(caller.credentials), requesterId: caller.requesterId });

  const fields = createFieldCache(async (caller) => {
    const [fieldList, formList] = await settled(
      // A classic help desk without the sandbox's extension (the seed's own API) has no such list: no fields.
      helpdeskFetch('/ticket_fields.xml', { method: 'GET', ...call(caller) }).then(({ text }) => parseFieldsXml(text), (error: unknown) => (noneWhenMissing(error), [])),
      helpdeskFetch('/ticket_forms.xml', { method: 'GET', ...call(caller) }).then(({ text }) => text, noneWhenMissing),
    );
    return toFieldSet(fieldList, formList === null ? [] : parseFormsXml(formList, fieldList));
  }, settings.fieldsTtlSeconds ?? (() => getConfig().helpdeskFieldsTtlSeconds));

  return {
    // attachments, solveRequests, search and customFields (its field lists): the sandbox's extensions (uploads, <attachments>, <solved>, /requests/search; sandbox/README.md).
    capabilities: { attachments: true, solveRequests: true, customFields: true, search: true, passwordChanges: PASSWORD_CHANGES, ...SHARED },
    lastPage: { list: MAX_PAGE, search: MAX_PAGE },
    ...credentialRules(agent !== null),

    async whoAmI(credentials): Promise<Requester> {
      const { text } = await helpdeskFetch('/users/current.xml', { method: 'GET', codec: classicCodec, auth: authHeaders(credentials) });
      return parseUserXml(text);
    },

    /** "Who am I" on behalf of the email ('/users/current.xml'), with the portal's own credential: ../end-user.ts. */
    async findEndUser(email): Promise<Requester | null> {
      if (!agent) return null;
      return endUserByEmail(email, async (credentials) =>
        parseEndUserXml((await helpdeskFetch('/users/current.xml', { method: 'GET', codec: classicCodec, auth: authHeaders(credentials) })).text),
      );
    },

    async listRequests(caller, options): Promise<RequestPage> {
      checkPage(options.page, MAX_PAGE);
      const { text } = await helpdeskFetch(`${LIST_PATHS[options.view ?? 'mine']}?${listQuery(options)}`, { method: 'GET', ...call(caller) });
      return parseRequestListXml(text, options.page, SHOWN[options.status]);
    },

    /** The sandbox's `GET /requests/search.xml?query=…`, with the list's parameters (sandbox/README.md). */
    async searchRequests(caller, options): Promise<SearchPage> {
      checkPage(options.page, MAX_PAGE);
      const query = new URLSearchParams({ query: options.query });
      for (const [name, value] of listQuery(options)) query.set(name, value);
      const { text } = await helpdeskFetch(`/requests/search.xml?${query}`, { method: 'GET', ...call(caller) });
      return parseSearchXml(text, options.page, SHOWN[options.status]);
    },

    /** One call; the field definitions come from the cache, and only when the request has answers. */
    async getRequest(caller, id): Promise<SupportRequest> {
      const { text } = await helpdeskFetch(requestPath(id), { method: 'GET', ...call(caller) });
      const { request, entries } = parseRequestWithEntriesXml(text, caller);
      const answers = await answersFor(entries, () => fields.get(caller));
      return answers ? { ...request, answers } : request;
    },

    /** The sandbox's `GET /ticket_fields.xml` and `GET /ticket_forms.xml` (sandbox/README.md), at once, cached. */
    requestFields: (caller) => fields.get(caller),

    /** The id comes from the Location header (`/requests/123.xml` or `123.xml`), else the body. */
    async createRequest(caller, input) {
      if (input.followUpOf !== null && !REQUEST_ID_PATTERN.test(input.followUpOf)) throw new HelpdeskNotFoundError('follow-up source id is not a number');
      const { headers, text } = await helpdeskFetch('/requests.xml', { method: 'POST', ...call(caller), body: buildNewRequestXml(input) });
      const fromLocation = /(?:^|\/)(\d+)(?:\.xml)?\/?(?:[?#].*)?$/.exec(headers.get('location')?.trim() ?? '')?.[1];
      const id = fromLocation ?? parseCreatedRequestId(text);
      // The request was created, but the portal cannot link to it: say so rather than guess.
      if (id === null) throw new HelpdeskBadResponseError('help desk created a request without saying its id');
      return { id };
    },

    async addComment(caller, id, input) {
      const { text } = await helpdeskFetch(requestPath(id), { method: 'PUT', ...call(caller), body: buildRequestUpdateXml(input) });
      // A 200 whose answer is cut off or garbled leaves it open whether the comment was saved: that is
      // a failure to report (and to check before sending again), not a success. No answer at all is
      // fine for a comment; a request to be solved must come back solved.
      if (text.trim() === '') {
        if (input.solve) throw new HelpdeskBadResponseError('help desk answered a solve without the request: cannot tell whether it is solved');
        return;
      }
      const answer = parseWriteAnswerXml(text);
      if (input.solve && answer.status !== 'solved' && answer.status !== 'closed') throw notSolvedError();
    },

    /** The sandbox's `POST /uploads.xml?filename=NAME` (sandbox/README.md): the file itself as the body, streamed. */
    async uploadFile(caller, file) {
      const { fileName, contentType, size } = checkedUpload(file);
      const query = new URLSearchParams({ filename: fileName });
      const { text } = await helpdeskUpload(`/uploads.xml?${query}`, { ...call(caller), file: { stream: file.body, contentType, length: size } });
      return parseUploadXml(text);
    },

    /** One call for the request (its public comments' files), one for the file. */
    async openAttachment(caller, requestId, attachmentId) {
      if (!/^\d+$/.test(attachmentId)) throw new HelpdeskNotFoundError('attachment id is not a number');
      const { text } = await helpdeskFetch(requestPath(requestId), { method: 'GET', ...call(caller) });
      return downloadFound(findAttachmentXml(text, attachmentId), call(caller), 'attachment');
    },

    /** The photo of a public comment's author, from the request's <users> (the sandbox's extension). */
    async openPhoto(caller, requestId, userId) {
      if (!/^\d+$/.test(userId)) throw new HelpdeskNotFoundError('user id is not a number');
      const { text } = await helpdeskFetch(requestPath(requestId), { method: 'GET', ...call(caller) });
      return downloadFound(findPhotoXml(text, userId), call(caller), 'photo');
    },

    probe: (timeoutMs) => probe('/users/current.xml', classicCodec, timeoutMs),
  };
}
