import type { NextResponse } from 'next/server';
import type { Config } from '../platform/config';
import { sessionCookie } from '../session/cookie';
import type { Locale } from './locales';

/**
 * Where the customer's chosen language is kept: set by the language picker (app/language) and
 * by a single sign-on token's `locale` claim. Same attributes as the session cookie (partitioned
 * when the portal may be framed, so the choice sticks inside a company's page too), for a year.
 */
export const LOCALE_COOKIE_NAME = 'portico_locale';

export function localeCookieOptions(config: Pick<Config, 'embedding' | 'secureCookies'>) {
  return { ...sessionCookie(config).options, maxAge: 365 * 24 * 3600 };
}

export function rememberLocale(response: NextResponse, locale: Locale, config: Pick<Config, 'embedding' | 'secureCookies'>): NextResponse {
  response.cookies.set(LOCALE_COOKIE_NAME, locale, localeCookieOptions(config));
  return response;
}
