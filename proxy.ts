import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from './lib/platform/config';
import { crossOriginRefusal, isCrossOriginWrite } from './lib/platform/cross-origin';
import { signInHref } from './lib/session/safe-next-path';
import { embedContext } from './lib/embed/context';
import { EMBED_COOKIE_NAME, EMBED_HEADER, withoutEmbedParams } from './lib/embed/settings';
import { contentSecurityPolicy, createNonce, requestIdFrom, staticSecurityHeaders } from './lib/platform/security-headers';
import { sessionCookie } from './lib/session/cookie';
import { refusalWords } from './lib/i18n/proxy-words';

/**
 * Runs before every route except Next's static files:
 * - gives the request an id (x-request-id, reused from the edge if sane) that logs and the
 *   response carry;
 * - sets the security headers, with a fresh CSP nonce that Next puts on its scripts;
 * - tells the layout whether the page is inside a company's frame (lib/embed/context.ts);
 * - refuses a write (form post, server action) sent from another site's page, with a 403;
 * - and, for the pages that need a session, redirects to sign-in when there is no session cookie.
 *   That is an optimistic check only: whether the cookie is genuine is checked next to the data,
 *   in every page and action.
 */
export function proxy(request: NextRequest) {
  const config = getConfig();
  const { pathname } = request.nextUrl;
  const nonce = createNonce();
  const requestId = requestIdFrom(request.headers.get('x-request-id'));
  const csp = contentSecurityPolicy({
    nonce,
    embedOrigins: config.embedOrigins,
    development: process.env.NODE_ENV === 'development',
    https: request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https',
  });
  const embed = config.embedding ? embedContext(request, config.embedOrigins) : null;

  // What the page renders with: Next reads the nonce from this CSP header.
  const forwarded = new Headers(request.headers);
  forwarded.set('x-request-id', requestId);
  forwarded.set('x-nonce', nonce);
  forwarded.set('content-security-policy', csp);
  // Only proxy.ts says whether a page is embedded; a client cannot claim it.
  forwarded.delete(EMBED_HEADER);
  if (embed?.header) forwarded.set(EMBED_HEADER, embed.header);

  const response = isCrossOriginWrite(request.method, request.headers)
    ? // Refused here, as a 403 with a short page, before Next's action handler would refuse it
      // as a 500 and log an error (lib/platform/cross-origin.ts).
      crossOriginRefusal(refusalWords(request, config.embedOrigins))
    : needsSession(pathname) && !request.cookies.has(sessionCookie(config).name)
      ? NextResponse.redirect(signInUrl(request))
      : NextResponse.next({ request: { headers: forwarded } });

  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(staticSecurityHeaders({ production: process.env.NODE_ENV === 'production', pathname }))) {
    response.headers.set(name, value);
  }
  response.headers.set('x-request-id', requestId);
  if (embed?.remember) {
    // Set only inside a frame (lib/embed/context.ts), and partitioned: kept only inside this
    // host's frame, so a top-level visit is never "embedded".
    response.cookies.set(EMBED_COOKIE_NAME, embed.remember, EMBED_COOKIE_OPTIONS);
  } else if (embed?.forget) {
    response.cookies.set(EMBED_COOKIE_NAME, '', { ...EMBED_COOKIE_OPTIONS, maxAge: 0 });
  }
  return response;
}

const EMBED_COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'none', partitioned: true, path: '/' } as const;

function needsSession(pathname: string): boolean {
  return pathname === '/requests' || pathname.startsWith('/requests/');
}

function signInUrl(request: NextRequest): URL {
  // The embed parameters are remembered already; `next` needs only the page itself.
  const back = withoutEmbedParams(new URL(request.nextUrl.href));
  return new URL(signInHref(back.pathname + back.search), request.url);
}

export const config = {
  // Everything but Next's build output and image optimiser: pages, route handlers, server
  // actions, the 404 page and public/ files all get the headers. Except the routes that take or
  // give files (lib/attachments/route-headers.ts): Next hands proxy a copy of the request body,
  // held in memory and cut off at 10 MB, so an upload must not pass through here; those routes
  // check origin and session themselves and set their own headers (a download's own CSP, which
  // proxy's would otherwise sit beside). Tested in lib/platform/test/proxy-matcher.test.ts.
  matcher: ['/((?!_next/static|_next/image|requests/uploads$|requests/new/send$|requests/[0-9]+/send$|requests/[0-9]+/attachments/[0-9]+$).*)'],
};
