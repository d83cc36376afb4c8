import { isLocale, negotiateLocale, supportedLocale, type Locale } from './locales';

/**
 * The language of one request, in this order (README: "Languages"):
 * 1. the customer's own choice, kept in the locale cookie (the language picker, or the `locale`
 *    claim of a single sign-on token);
 * 2. the language the company's page asked for on the embed script (`data-locale`), inside its frame;
 * 3. the browser's `Accept-Language`, negotiated by q-value;
 * 4. English.
 */
export function chooseLocale(clues: { chosen?: string | null; host?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(clues.chosen)) return clues.chosen;
  return supportedLocale(clues.host) ?? negotiateLocale(clues.acceptLanguage);
}
