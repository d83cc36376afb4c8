import 'server-only';
import { REQUEST_ID_PATTERN } from '../text';
import { helpdeskFetch } from './client';
import { HelpdeskBadResponseError, HelpdeskNotFoundError } from './errors';
import type { Caller, HelpdeskAuth, RequestListStatus, RequestPage, Requester, SupportRequest } from './types';
import { buildCommentXml, buildNewRequestXml, parseCreatedRequestId, parseRequestListXml, parseRequestXml, parseUserXml } from './xml';

/**
 * The help desk, as pages and actions use it. Everything about it (URLs, XML, auth headers,
 * retries) stays in this folder; a different help desk means replacing this folder only.
 * Each function makes exactly one help desk call (a retried GET is still one call).
 */

export type * from './types';
export * from './errors';

const MAX_PAGE = 10_000;

function requestPath(id: string): string {
  if (!REQUEST_ID_PATTERN.test(id)) throw new HelpdeskNotFoundError('request id is not a number');
  return `/requests/${id}.xml`;
}

/** Who the credentials belong to; also how sign-in checks them. */
export async function getCurrentUser(auth: HelpdeskAuth): Promise<Requester> {
  const { text } = await helpdeskFetch('/users/current.xml', { method: 'GET', auth });
  return parseUserXml(text);
}

/** One page (15) of the caller's requests: open ones, or solved ones (the bundled sandbox's `status` extension). */
export async function listRequests(caller: Caller, options: { status: RequestListStatus; page: number }): Promise<RequestPage> {
  const { page, status } = options;
  if (!Number.isSafeInteger(page) || page < 1 || page > MAX_PAGE) throw new HelpdeskNotFoundError('no such page of requests');
  const query = new URLSearchParams({ page: String(page) });
  if (status === 'solved') query.set('status', 'solved');
  const { text } = await helpdeskFetch(`/requests.xml?${query}`, { method: 'GET', auth: caller.auth, requesterId: caller.requesterId });
  return parseRequestListXml(text, caller, page);
}

export async function getRequest(caller: Caller, id: string): Promise<SupportRequest> {
  const { text } = await helpdeskFetch(requestPath(id), { method: 'GET', auth: caller.auth, requesterId: caller.requesterId });
  return parseRequestXml(text, caller);
}

/** Opens a new request; the id comes from the Location header (`/requests/123.xml` or `123.xml`), else the body. */
export async function createRequest(caller: Caller, input: { subject: string; description: string }): Promise<{ id: string }> {
  const { headers, text } = await helpdeskFetch('/requests.xml', {
    method: 'POST',
    auth: caller.auth,
    requesterId: caller.requesterId,
    body: buildNewRequestXml(input),
  });
  const fromLocation = /(?:^|\/)(\d+)(?:\.xml)?\/?(?:[?#].*)?$/.exec(headers.get('location')?.trim() ?? '')?.[1];
  const id = fromLocation ?? parseCreatedRequestId(text);
  // The request was created, but the portal cannot link to it: say so rather than guess.
  if (id === null) throw new HelpdeskBadResponseError('help desk created a request without saying its id');
  return { id };
}

export async function addComment(caller: Caller, id: string, body: string): Promise<void> {
  const { text } = await helpdeskFetch(requestPath(id), { method: 'PUT', auth: caller.auth, requesterId: caller.requesterId, body: buildCommentXml(body) });
  // A 200 whose answer is cut off or garbled leaves it open whether the comment was saved: that is
  // a failure to report (and to check before sending again), not a success. No answer at all is fine.
  if (text.trim() !== '') parseRequestXml(text, caller);
}
