import { NextResponse, type NextRequest } from 'next/server';
import { rememberLocale } from '@/lib/i18n/cookie';
import type { Locale } from '@/lib/i18n/locales';
import { getConfig } from '@/lib/platform/config';
import { getHelpdesk, HelpdeskForbiddenError, HelpdeskNotFoundError, HelpdeskUnauthorizedError, isHelpdeskError } from '@/lib/helpdesk';
import { requestLogger } from '@/lib/platform/log';
import { getCaller, startSession } from '@/lib/session/session';
import { sharedState } from '@/lib/platform/shared-state';
import { ssoReturnTo, ssoStep } from '@/lib/session/sso-handoff';
import { readSsoToken, spendSsoToken, type SsoClaims, type SsoVerification } from '@/lib/session/sso-token';
import { ssoConfirmResponse } from './confirm-page';
import { ssoErrorResponse, type SsoErrorCode } from './error-page';

/**
 * Single sign-on from the company's site: `/sso?jwt=…` with a token the site signed for a
 * customer who is signed in there. A valid, fresh, unused token starts a session for that
 * customer in the on-behalf-of mode (the customer has no help desk password to give) and goes to
 * the token's `return_to` (or, only when the token has none, the `return_to` parameter embed.js
 * adds), if it is a portal path (lib/session/sso-handoff.ts).
 *
 * A browser where another customer is signed in is not switched silently: GET shows a page asking
 * that customer to confirm, and the switch happens on its POST (app/sso/confirm-page.ts).
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  return handOff(request, params.get('jwt'), params.get('return_to'), { confirmed: false });
}

/** The confirmation page's button. proxy.ts has already refused a post from another site. */
export async function POST(request: NextRequest) {
  let form: FormData | null = null;
  try {
    form = await request.formData();
  } catch {
    // Not a form: treated as a post without a token.
  }
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === 'string' ? value : null;
  };
  return handOff(request, field('jwt'), field('return_to'), { confirmed: true });
}

async function handOff(request: NextRequest, jwt: string | null, queryReturnTo: string | null, { confirmed }: { confirmed: boolean }) {
  const nonce = request.headers.get('x-nonce');
  const log = await requestLogger({ event: 'sso' });
  const refuse = (code: SsoErrorCode) => {
    log.info({ outcome: 'refused', code }, 'single sign-on refused');
    return ssoErrorResponse(code, nonce);
  };

  const { sso } = getConfig();
  // Config guarantees the on-behalf-of mode whenever SSO is on; checked again before any token is used.
  if (!sso || !getConfig().signInMethods.includes('sso') || getHelpdesk().signInMode !== 'on-behalf-of') return refuse('disabled');

  const read = await readSsoToken(jwt, sso);
  if (!read.ok) return refuse(read.reason);
  const { claims } = read;
  const next = ssoReturnTo(claims, queryReturnTo);

  const signedIn = (await getCaller())?.requester ?? null;
  const step = confirmed ? 'sign_in' : ssoStep(signedIn?.email, claims);
  if (step === 'confirm' && signedIn) {
    // Nothing is used up or changed until the signed-in customer says so.
    log.info({ outcome: 'asked_to_confirm', requesterId: signedIn.id }, 'single sign-on for another customer: asking first');
    return await ssoConfirmResponse({ signedIn, claims, jwt: jwt ?? '', queryReturnTo: claims.returnTo === undefined ? queryReturnTo : null, stayHref: next }, nonce);
  }

  const spent = await spend(claims, sso, log);
  if (!spent.ok) return spent.reason === 'unavailable' ? await ssoErrorResponse('unavailable', nonce) : await refuse(spent.reason);

  if (step === 'continue') {
    // Already this customer: the token is spent (it signs in once), the session stays as it is.
    log.info({ outcome: 'already_signed_in', requesterId: signedIn?.id }, 'single sign-on');
    return goTo(next, claims.locale);
  }

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
  log.info({ outcome: confirmed ? 'switched' : 'signed_in', requesterId: requester.id }, 'single sign-on');
  return goTo(next, claims.locale);
}

/** Uses the token up (once, on every instance); 'unavailable' when the shared state is away. */
async function spend(
  claims: SsoClaims,
  sso: NonNullable<ReturnType<typeof getConfig>['sso']>,
  log: Awaited<ReturnType<typeof requestLogger>>,
): Promise<SsoVerification | { ok: false; reason: 'unavailable' }> {
  try {
    return (await spendSsoToken(claims, sso, (key, ttl) => sharedState().claim(key, '1', ttl))) ? { ok: true, claims } : { ok: false, reason: 'used' };
  } catch (error) {
    // The shared state (Redis) is away: without it a replay could not be refused, so no sign-in.
    log.warn({ outcome: 'unavailable', reason: error instanceof Error ? error.message : String(error) }, 'single sign-on could not check the token id');
    return { ok: false, reason: 'unavailable' };
  }
}

/** On to the portal; a token's `locale` claim becomes the customer's chosen language (the locale cookie). */
function goTo(next: string, locale: Locale | undefined): Response {
  // A relative Location: the browser resolves it against this portal, whatever the Host header says.
  const response = new NextResponse(null, { status: 303, headers: { Location: next, 'Cache-Control': 'no-store' } });
  return locale ? rememberLocale(response, locale, getConfig()) : response;
}
