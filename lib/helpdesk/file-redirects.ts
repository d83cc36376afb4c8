import { HelpdeskBadResponseError, HelpdeskNotFoundError, HelpdeskUnavailableError } from './errors';
import { isFileOrigin, type FileOrigin } from './file-origins';
import { nodeFetch } from './node-fetch';

/** Zendesk's content URL redirects once; a file host may redirect once more (a CDN): never more. */
const MAX_HOPS = 3;

export const isRedirect = (status: number) => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/**
 * Follows a help desk's redirect for a file's bytes (its answer to the content URL) to the file
 * host, the way Zendesk documents it: a temporary address that needs no credentials. So nothing
 * of the help desk's (Authorization, X-On-Behalf-Of) is sent, and only to HELPDESK_FILE_ORIGINS:
 * any other place is refused unread and named in the error, so the log says what to allow.
 */
export async function followFileRedirect(
  redirect: Response,
  from: string,
  options: { origins: readonly FileOrigin[]; signal: AbortSignal; allowHtml: boolean },
): Promise<Response> {
  let response = redirect;
  let url = from;
  for (let hop = 1; hop <= MAX_HOPS; hop++) {
    const location = response.headers.get('location');
    await response.body?.cancel().catch(() => {});
    let next: URL;
    try {
      next = new URL(location ?? '', url);
    } catch (error) {
      throw new HelpdeskBadResponseError('help desk redirected a file to an address that is not a URL', { cause: error });
    }
    if (!location || !isFileOrigin(next, options.origins)) {
      throw new HelpdeskBadResponseError(`help desk redirected a file to ${location ? next.origin : 'nowhere'}, which is not in HELPDESK_FILE_ORIGINS: not followed`);
    }
    response = await nodeFetch(next, { method: 'GET', redirect: 'manual', cache: 'no-store', signal: options.signal });
    url = next.href;
    if (isRedirect(response.status)) continue;
    if (response.status >= 200 && response.status < 300) {
      if (!options.allowHtml && /^\s*text\/html/i.test(response.headers.get('content-type') ?? '')) {
        await response.body?.cancel().catch(() => {});
        throw new HelpdeskBadResponseError(`file host answered ${response.status} with an HTML page`);
      }
      return response;
    }
    await response.body?.cancel().catch(() => {});
    // An expired or unknown temporary address: the file is not there (any more) for this call.
    if (response.status === 403 || response.status === 404 || response.status === 410) throw new HelpdeskNotFoundError(`file host answered ${response.status}`);
    if (response.status >= 500) throw new HelpdeskUnavailableError(`file host answered ${response.status}`, { status: response.status, retryAfterSeconds: null });
    throw new HelpdeskBadResponseError(`file host answered an unexpected ${response.status}`);
  }
  throw new HelpdeskBadResponseError(`file redirected more than ${MAX_HOPS} times: not followed further`);
}
