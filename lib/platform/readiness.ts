import { getHelpdesk, type Readiness } from '../helpdesk';

export type { Readiness };

/** A probe must answer before the load balancer's own timeout; a slower help desk counts as down. */
export const READINESS_TIMEOUT_MS = 2_000;

/**
 * Whether the help desk is reachable and answering as an API. The door knows how to ask (an
 * anonymous "current user" call, where a 401 counts as alive): no retries, no credentials, never
 * counted against a customer.
 */
export function checkHelpdesk(timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  return getHelpdesk().probe(timeoutMs);
}
