import type { NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { getHelpdesk, HelpdeskForbiddenError, HelpdeskNotFoundError, HelpdeskUnauthorizedError, isHelpdeskError } from '@/lib/helpdesk';
import { requestLogger } from '@/lib/log';
import { safeNextPath } from '@/lib/safe-next-path';
import { startSession } from '@/lib/session';
import { sharedState } from '@/lib/shared-state';
import { verifySsoToken } from '@/lib/sso-token';
import { ssoErrorResponse, type SsoErrorCode } from './error-page';

/**
 * Single sign-on from the company's site: `/sso?jwt=…` with a token the site signed for a
 * customer who is signed in there. A valid, fresh, unused token starts a session for that
 * customer in the on-behalf-of mode (the customer has no help desk password to give) and goes to
 * the token's `return_to` (or the `return_to` parameter embed.js adds), if it is a portal path.
 */
export async function GET(request: NextRequest) {
  const nonce = request.headers.get('x-nonce');
  const log = await requestLogger({ event: 'sso' });
  const refuse = (code: SsoErrorCode) => {
    log.info({ outcome: 'refused', code }, 'single sign-on refused');
    return ssoErrorResponse(code, nonce);
  };

  const { sso } = getConfig();
  // Config guarantees the on-behalf-of mode whenever SSO is on; checked again before any token is used.
  if (!sso || getHelpdesk().signInMode !== 'on-behalf-of') return refuse('disabled');

  let verification;
  try {
    verification = await verifySsoToken(request.nextUrl.searchParams.get('jwt'), sso, (key, ttl) => sharedState().claim(key, '1', ttl));
  } catch (error) {
    // The shared state (Redis) is away: without it a replay could not be refused, so no sign-in.
    log.warn({ outcome: 'unavailable', reason: error instanceof Error ? error.message : String(error) }, 'single sign-on could not check the token id');
    return ssoErrorResponse('unavailable', nonce);
  }
  if (!verification.ok) return refuse(verification.reason);
  const { claims } = verification;

  const credentials = getHelpdesk().onBehalfOf(claims.email);
  if (!credentials) return refuse('disabled');
  let requester;
  try {
    // The help desk answers "who am I" for the customer the portal acts for: that is how the
    // portal learns the customer's id and name, and that they have an account at all.
    requester = await getHelpdesk().whoAmI(credentials);
  } catch (error) {
    if (error instanceof HelpdeskForbiddenError || error instanceof HelpdeskNotFoundError) return refuse('unknown_user');
    if (error instanceof HelpdeskUnauthorizedError) return refuse('helpdesk_refused');
    if (isHelpdeskError(error)) return refuse('helpdesk_unavailable');
    throw error;
  }
  // The help desk acted for someone else (it should never): no session for anyone.
  if (requester.email.toLowerCase() !== claims.email) return refuse('unknown_user');

  await startSession(requester);
  log.info({ outcome: 'signed_in', requesterId: requester.id }, 'single sign-on');

  const next = safeNextPath(claims.returnTo ?? request.nextUrl.searchParams.get('return_to') ?? undefined);
  // A relative Location: the browser resolves it against this portal, whatever the Host header says.
  return new Response(null, { status: 303, headers: { Location: next, 'Cache-Control': 'no-store' } });
}
