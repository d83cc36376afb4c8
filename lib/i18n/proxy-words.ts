import { createTranslator } from 'use-intl/core';
import { EMBED_COOKIE_NAME, parseEmbedSettings } from '../embed/settings';
import { chooseLocale } from './choose';
import { LOCALE_COOKIE_NAME } from './cookie';
import { textDirection, type Locale } from './locales';
import ar from './messages/ar.json';
import de from './messages/de.json';
import en from './messages/en.json';
import es from './messages/es.json';
import fr from './messages/fr.json';
import ja from './messages/ja.json';

const catalogs = { en, de, fr, es, ja, ar } satisfies Record<Locale, typeof en>;

interface RequestClues {
  cookies: { get(name: string): { value: string } | undefined };
  headers: { get(name: string): string | null };
}

/**
 * The words of the one page proxy.ts answers itself (a refused cross-site form), in the request's
 * language: proxy.ts runs before next-intl's request config, so it chooses the same way here.
 */
export function refusalWords(request: RequestClues, allowedOrigins: readonly string[]) {
  const embedded = request.cookies.get(EMBED_COOKIE_NAME)?.value;
  const locale = chooseLocale({
    chosen: request.cookies.get(LOCALE_COOKIE_NAME)?.value,
    host: embedded ? parseEmbedSettings(new URLSearchParams(embedded), allowedOrigins).locale : null,
    acceptLanguage: request.headers.get('accept-language'),
  });
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'crossOrigin' });
  return { locale, dir: textDirection(locale), title: t('title'), body: t('body'), link: t('link') };
}
