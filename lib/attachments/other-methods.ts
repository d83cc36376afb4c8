import 'server-only';
import { cookies, headers } from 'next/headers';
import { refusalWords } from '../i18n/proxy-words';
import { getConfig } from '../platform/config';
import { crossOriginRefusal, isCrossOriginWrite } from '../platform/cross-origin';
import { routeSecurityHeaders } from './route-headers';

/**
 * The methods a file route does not take. proxy.ts answers a write from another site with its 403
 * page on every other route, whatever the method; these routes run outside it, so they do the same
 * themselves (a cross-site write of any method gets that page), and tell everyone else which
 * methods they take (405 with `Allow`).
 */
export function otherMethods(allowed: readonly string[]) {
  return async function notAllowed(request: Request): Promise<Response> {
    const securityHeaders = routeSecurityHeaders(new URL(request.url).pathname);
    if (isCrossOriginWrite(request.method, request.headers)) {
      const refusal = crossOriginRefusal(refusalWords({ cookies: await cookies(), headers: await headers() }, getConfig().embedOrigins));
      for (const [name, value] of Object.entries(securityHeaders)) refusal.headers.set(name, value);
      return refusal;
    }
    return new Response(null, { status: 405, headers: { ...securityHeaders, Allow: allowed.join(', ') } });
  };
}
