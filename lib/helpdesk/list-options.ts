import { HelpdeskNotFoundError } from './errors';
import type { Caller, CopiedPerson, OrganizationSharing, RequestAccess, RequestListStatus, RequestSort, RequestStatus } from './types';

/** What both adapters share about lists: the default order, which statuses each filter shows, the page check. */

/** A list's order when the caller gives none: last update, newest first (what the seed's list does). */
export const NEWEST_UPDATE_FIRST: RequestSort = { by: 'updated', direction: 'desc' };

/**
 * The portal's statuses each filter shows, to check a help desk's answer against: one that ignores
 * a filter (Zendesk's List Requests names none) must not put a solved request into the open list.
 * `all`: no check.
 */
export const SHOWN: Record<RequestListStatus, ReadonlySet<RequestStatus> | undefined> = {
  open: new Set(['new', 'open', 'pending']),
  pending: new Set(['pending']),
  solved: new Set(['solved', 'closed']),
  all: undefined,
};

/**
 * Whether a request of this status belongs in a list filtered to `wanted`. A status the help desk
 * does not say (the seed's own request view has no status-id) is the help desk's word that it
 * belongs: only a known other status is left out.
 */
export function belongsIn(wanted: ReadonlySet<RequestStatus> | undefined, status: RequestStatus): boolean {
  return wanted === undefined || status === 'unknown' || wanted.has(status);
}

/** A page number the help desk can serve, else not found without a call. */
export function checkPage(page: number, last: number): void {
  if (!Number.isSafeInteger(page) || page < 1 || page > last) throw new HelpdeskNotFoundError('no such page of requests');
}

/**
 * Why the caller may see a request (both adapters): theirs, copied on it, or else (the help desk
 * showed it to them) their shared organization's.
 */
export function accessOf(requesterId: string, ccs: readonly CopiedPerson[], caller: Caller): RequestAccess {
  if (requesterId === caller.requesterId) return 'requester';
  return ccs.some((cc) => cc.you) ? 'cc' : 'organization';
}

/** A user's organization as sign-in keeps it; nothing when there is no numeric id. */
export function organizationSharing(rawId: string | number | null | undefined, sharedTickets: boolean, sharedComments: boolean): { organization?: OrganizationSharing } {
  const id = rawId == null ? '' : String(rawId).trim();
  return /^\d+$/.test(id) ? { organization: { id, sharedTickets, sharedComments } } : {};
}

/**
 * A copied person's name as the customer may see it: a help desk that made the user from an email
 * address alone may name them by it, and another customer's address is not the customer's to see.
 */
export function ccName(raw: string | null | undefined): string | null {
  const name = raw?.trim() ?? '';
  return name === '' || name.includes('@') ? null : name;
}
