import { staticSecurityHeaders } from '../platform/security-headers';

/**
 * The security headers of the attachment routes (the upload route, the download route, the forms'
 * no-JavaScript routes). proxy.ts sets them on everything else, but these routes run outside it
 * (its matcher leaves them out): Next hands proxy a copy of the request body held in memory, cut
 * off at 10 MB, so a file must not pass through proxy. The routes make every check proxy would
 * (same origin, session) themselves, and send the same headers, with a policy that lets nothing
 * load: what they answer is JSON, a file, a redirect or a plain page without scripts.
 */
export function routeSecurityHeaders(pathname: string): Record<string, string> {
  return {
    ...staticSecurityHeaders({ production: process.env.NODE_ENV === 'production', pathname }),
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    'Cache-Control': 'no-store',
  };
}
