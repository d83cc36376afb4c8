import type { Config } from './config';

/**
 * The session cookie's name and attributes, in a module of its own so proxy.ts can read them
 * without server-only code.
 */
export const SESSION_COOKIE_NAME = 'portico_session';

/**
 * When the portal may be embedded in another site's page, browsers keep a cookie inside that
 * cross-site frame only if it is `SameSite=None; Secure; Partitioned` (CHIPS): stored per
 * embedding site, so it cannot track anyone across sites. The `__Host-` prefix makes the browser
 * insist on Secure, `Path=/` and no Domain, so no sibling subdomain can plant or shadow it.
 */
export const EMBEDDED_SESSION_COOKIE_NAME = '__Host-portico_session';

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
  return { name: SESSION_COOKIE_NAME, options: { httpOnly: true, secure: config.secureCookies, sameSite: 'lax', path: '/' } };
}
