import { getConfig } from './config';

export type Readiness = { ready: true } | { ready: false; reason: string };

/** A probe must answer before the load balancer's own timeout; a slower help desk counts as down. */
export const READINESS_TIMEOUT_MS = 2_000;

/**
 * Whether the help desk is reachable and answering as an API: an anonymous
 * `GET /users/current.xml` must be refused with 401 (or answered). That works with any help desk,
 * costs it no password check, and is never counted against a customer. Deliberately not
 * helpdeskFetch: a probe wants one quick attempt with no retries and no credentials.
 */
export async function checkHelpdesk(timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  const { helpdeskUrl } = getConfig();
  try {
    const response = await fetch(`${helpdeskUrl}/users/current.xml`, {
      headers: { Accept: 'application/xml' },
      cache: 'no-store',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => {});
    const { status } = response;
    if (status === 401 || status === 403 || (status >= 200 && status < 300)) return { ready: true };
    // A redirect is a login page or a wrong URL, a 404 a wrong base path: reachable but not usable.
    return { ready: false, reason: `help desk answered ${status}` };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { ready: false, reason: `help desk did not answer within ${timeoutMs} ms` };
    }
    const cause: unknown = error instanceof Error ? error.cause : undefined;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : 'no answer';
    return { ready: false, reason: `help desk connection failed (${code})` };
  }
}
