/**
 * The security headers on every response (proxy.ts applies them), in one place.
 *
 * The Content-Security-Policy follows Next's CSP guide: a fresh nonce per request, which Next
 * reads from the request's own CSP header and puts on its scripts; `'strict-dynamic'` lets those
 * scripts load the rest of the bundle. `'unsafe-eval'` only in development, where React needs it.
 * `frame-ancestors` names who may frame the portal: itself, plus EMBED_ORIGINS. There is no
 * X-Frame-Options: it cannot name another origin, and frame-ancestors supersedes it.
 */

export interface PolicyOptions {
  nonce: string;
  /** EMBED_ORIGINS, already normalised. */
  embedOrigins: readonly string[];
  development: boolean;
  /** The request came over https (directly or per X-Forwarded-Proto): ask for https subresources too. */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, embedOrigins, development, https }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // Next's dev overlay injects styles without a nonce; production styles are files or nonce'd.
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${["'self'", ...embedOrigins].join(' ')}`,
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** The headers that don't change per request. */
export function staticSecurityHeaders({ production, pathname }: { production: boolean; pathname: string }): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    // /sso carries a token in its URL: let no Referer carry it anywhere, not even our own pages.
    'Referrer-Policy': pathname === '/sso' ? 'no-referrer' : 'strict-origin-when-cross-origin',
    // Nothing in the portal needs these. storage-access is deliberately not listed: the embedded
    // portal may need it (see app/ui/storage-access.tsx).
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()',
  };
  // Browsers ignore HSTS over plain http, so sending it from a local production build is harmless.
  if (production) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}

/** 128 random bits, base64: what Next's guide uses for a nonce. */
export function createNonce(): string {
  return btoa(crypto.randomUUID());
}

// Load balancers send UUIDs, hex or similar; anything else (too long, spaces, quotes) is replaced.
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/** Reuses the request id from the edge if it looks like one, so logs line up across hops. */
export function requestIdFrom(incoming: string | null): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}
