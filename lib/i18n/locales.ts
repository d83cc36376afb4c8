import { match } from '@formatjs/intl-localematcher';

/**
 * The languages the portal speaks, one catalog each in lib/i18n/messages/<code>.json. Adding one
 * means a catalog and its code here (README: "Languages"); the catalog check
 * (lib/i18n/test/catalogs.test.ts) then insists it has every message.
 */
export const LOCALES = ['en', 'de', 'fr', 'es', 'ja', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's own name for itself, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  ja: '日本語',
  ar: 'العربية',
};

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set<Locale>(['ar']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function textDirection(locale: Locale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

/** A BCP 47 language tag as far as it matters here: letters, digits and hyphens, short. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;

/**
 * The supported language closest to one tag (`de-AT` → `de`), or null when there is none. For
 * the languages a host or a sign-on token asks for: an unknown or malformed one is ignored.
 */
export function supportedLocale(tag: string | null | undefined): Locale | null {
  if (!tag || !LANGUAGE_TAG.test(tag)) return null;
  return bestMatch([tag]);
}

/**
 * The language to use for an `Accept-Language` header: the browser's languages by their q-values
 * (highest first, `q=0` meaning "not this one"), matched to the supported ones; English when none
 * fits or the header is missing or junk.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  return bestMatch(acceptedLanguages(acceptLanguage)) ?? DEFAULT_LOCALE;
}

/** The tags of an `Accept-Language` header, most wanted first; `*` and refused ones left out. */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranked: { tag: string; q: number; order: number }[] = [];
  header.split(',').forEach((part, order) => {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = rawTag?.trim() ?? '';
    if (!LANGUAGE_TAG.test(tag)) return;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split('=');
      if (name?.trim().toLowerCase() === 'q') q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value?.trim() ?? '') ? Number(value) : 0;
    }
    if (q > 0) ranked.push({ tag, q, order });
  });
  return ranked.sort((a, b) => b.q - a.q || a.order - b.order).map((entry) => entry.tag);
}

function bestMatch(tags: string[]): Locale | null {
  for (const tag of tags) {
    // One tag at a time, so a lower-ranked exact match never beats a higher-ranked language.
    try {
      const found = match([tag], LOCALES as unknown as string[], '', { algorithm: 'best fit' });
      if (isLocale(found)) return found;
    } catch {
      // A tag Intl cannot canonicalise: skip it.
    }
  }
  return null;
}
