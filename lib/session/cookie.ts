import type { Config } from '../platform/config';

/**
 * The session cookie's name and attributes, in a module of its own so proxy.ts, the e2e tests and
 * the storage-access probe can read them without server-only code. Every place that names the
 * cookie takes the name from here.
 *
 * Three names, one per kind of cookie, so that two kinds never meet under one name in a browser
 * (an old Lax cookie and a new partitioned one of the same name would both be sent, and logging
 * out would delete only one of them):
 * - `portico_session`: plain http only (development, or PORTICO_INSECURE_COOKIES), where the
 *   browser would refuse a `__Host-` cookie;
 * - `__Host-portico_session`: whenever the cookie is `Secure`. The prefix makes the browser insist
 *   on Secure, `Path=/` and no Domain, so a sibling subdomain cannot plant or shadow it;
 * - `__Host-portico_partitioned_session`: when other sites may frame the portal (below).
 */
export const INSECURE_SESSION_COOKIE_NAME = 'portico_session';
export const SESSION_COOKIE_NAME = '__Host-portico_session';

/**
 * When the portal may be embedded in another site's page, browsers keep a cookie inside that
 * cross-site frame only if it is `SameSite=None; Secure; Partitioned` (CHIPS): stored per
 * embedding site, so it cannot track anyone across sites. `__Host-` as above.
 */
export const EMBEDDED_SESSION_COOKIE_NAME = '__Host-portico_partitioned_session';

/**
 * The embedded cookie's attributes as `document.cookie` writes them, for the storage-access probe
 * (app/ui/embed/storage-access.tsx): a probe that a browser keeps, the session cookie will get too.
 */
export const EMBEDDED_PROBE_COOKIE = { name: '__Host-portico_probe', attributes: 'Path=/; Secure; SameSite=None; Partitioned' } as const;

/** Every name the session cookie has had or may have: for tests and tools that look for "a session cookie". */
export const SESSION_COOKIE_NAMES = [INSECURE_SESSION_COOKIE_NAME, SESSION_COOKIE_NAME, EMBEDDED_SESSION_COOKIE_NAME] as const;

export interface SessionCookie {
  name: string;
  options: { httpOnly: true; secure: boolean; sameSite: 'lax' | 'none'; partitioned?: true; path: '/' };
}

export function sessionCookie(config: Pick<Config, 'embedding' | 'secureCookies'>): SessionCookie {
  if (config.embedding) {
    return {
      name: EMBEDDED_SESSION_COOKIE_NAME,
      options: { httpOnly: true, secure: true, sameSite: 'none', partitioned: true, path: '/' },
    };
  }
  // Secure is decided by lib/platform/config.ts (production, unless PORTICO_INSECURE_COOKIES); the prefix
  // follows it, because a browser refuses a `__Host-` cookie without Secure. Chromium accepts
  // Secure (and so `__Host-`) cookies from http://localhost, so a local production build still works.
  return {
    name: config.secureCookies ? SESSION_COOKIE_NAME : INSECURE_SESSION_COOKIE_NAME,
    options: { httpOnly: true, secure: config.secureCookies, sameSite: 'lax', path: '/' },
  };
}
