import 'server-only';
import { getHelpdesk, HelpdeskError, type Helpdesk, type Requester } from '../helpdesk';
import { requestLogger } from '../platform/log';

/**
 * On-behalf-of mode: the portal calls the help desk with its own credentials, so it never sees the
 * customer's password fail after the help desk changed it (end-user mode does: a 401 ends the
 * session, lib/session/read-helpdesk.ts). Instead a session asks the help desk who the customer
 * is, at most once every SESSION_RECHECK_SECONDS (lib/session/revocation.ts keeps the time in the
 * shared state), and ends when the password changed since it signed in.
 */

/** Whether this help desk lets a session re-check at all: on-behalf-of, and it reports password changes. */
export function canRecheck(helpdesk: Pick<Helpdesk, 'signInMode' | 'capabilities'>, hasOwnPassword: boolean): boolean {
  return !hasOwnPassword && helpdesk.signInMode === 'on-behalf-of' && helpdesk.capabilities.passwordChanges;
}

/**
 * True when the password changed at or after the sign-in. The help desk shows whole seconds, so a
 * change within the second of the sign-in counts as after it: refusing a fresh session (the
 * customer signs in again) is better than keeping one that began with the old password. A session
 * with no start time is older than any change.
 */
export function changedSinceSignIn(passwordChangedAt: string | undefined, signedInAt: number | undefined): boolean {
  if (passwordChangedAt === undefined) return false;
  const changed = Date.parse(passwordChangedAt);
  if (Number.isNaN(changed)) return false;
  return changed >= Math.floor((signedInAt ?? 0) / 1000) * 1000;
}

/**
 * Asks the help desk about `requester` now. A help desk that cannot be reached (or refuses the
 * portal's own credentials) ends nothing: the page's own call shows that problem, and the next
 * re-check comes one interval later.
 */
export async function passwordChangedSince(requester: Requester, signedInAt: number | undefined, helpdesk: Helpdesk = getHelpdesk()): Promise<boolean> {
  const credentials = helpdesk.onBehalfOf(requester.email);
  if (!credentials) return false;
  let current: Requester;
  try {
    current = await helpdesk.whoAmI(credentials);
  } catch (error) {
    if (!(error instanceof HelpdeskError)) throw error;
    const log = await requestLogger();
    log.warn({ event: 'session_recheck_failed', code: error.code }, 'could not re-check the session with the help desk; it stays');
    return false;
  }
  return changedSinceSignIn(current.passwordChangedAt, signedInAt);
}
