import 'server-only';
import { getHelpdesk, HelpdeskNotFoundError, type Caller } from '@/lib/helpdesk';
import type { HelpdeskError } from '@/lib/helpdesk/errors';
import { REQUEST_ID_PATTERN } from '@/lib/forms/text';
import { readHelpdesk } from '@/lib/session/read-helpdesk';
import { requestTitle } from '../request-title';

/** What the new-request form can say about the request it is to follow up (`?followUp=ID`). */
export type FollowUpSource =
  /** Closed, the customer's: the form links to it and names it. */
  | { kind: 'linked'; id: string; title: string }
  /** Not one of the customer's requests (or no request number at all). */
  | { kind: 'not-found'; id: string }
  /** Still takes replies: a follow-up is for a closed request. */
  | { kind: 'not-closed'; id: string }
  /** The help desk could not say; the form is offered without the link. */
  | { kind: 'unreachable'; id: string; error: HelpdeskError };

/**
 * Looks the old request up once, as the customer, so the form can name it by number and subject.
 * A missing request is no 404 here: the customer came to write something, and the form stays.
 */
export async function followUpSource(caller: Caller, id: string, returnTo: string, untitled: (id: string) => string): Promise<FollowUpSource> {
  if (!REQUEST_ID_PATTERN.test(id)) return { kind: 'not-found', id };
  const result = await readHelpdesk(async () => {
    try {
      return await getHelpdesk().getRequest(caller, id);
    } catch (error) {
      if (error instanceof HelpdeskNotFoundError) return null;
      throw error;
    }
  }, returnTo);
  if (!result.ok) return { kind: 'unreachable', id, error: result.error };
  const request = result.value;
  if (request === null) return { kind: 'not-found', id };
  if (request.status !== 'closed') return { kind: 'not-closed', id };
  return { kind: 'linked', id, title: requestTitle(request, untitled) };
}
