import 'server-only';
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { _createCache } from 'use-intl/core';
import { getConfig } from '../platform/config';
import { embedSettingsFromHeader } from '../embed/context';
import { EMBED_HEADER } from '../embed/settings';
import { LOCALE_COOKIE_NAME } from './cookie';
import { chooseLocale } from './choose';
import { loadMessages } from './messages';

/**
 * Parsed messages (IntlMessageFormat), shared by every request of this process. next-intl makes a
 * new cache per request, so each page parsed every message it showed again (measured: ~5% of a
 * list view's CPU). What is cached is keyed by the catalog's own message text, the locale and the
 * formats: nothing a customer typed or the help desk sent (those are the values formatted into a
 * message, never part of the key). Bounded by catalog size × locales.
 */
const sharedMessageFormats = _createCache();

/**
 * next-intl's per-request configuration, without locale routing (the URLs stay as they are): the
 * language comes from the request itself, decided by chooseLocale (lib/i18n/choose.ts). Pages,
 * server actions and route handlers all read it through getTranslations / getLocale.
 */
export default getRequestConfig(async () => {
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  const config = getConfig();
  const embed = config.embedding ? embedSettingsFromHeader(requestHeaders.get(EMBED_HEADER), config.embedOrigins) : null;
  const locale = chooseLocale({
    chosen: cookieStore.get(LOCALE_COOKIE_NAME)?.value,
    host: embed?.locale,
    acceptLanguage: requestHeaders.get('accept-language'),
  });
  // `_cache` is not in next-intl's declared config, but it passes the config through to
  // createTranslator (use-intl), which takes it.
  return { locale, messages: await loadMessages(locale), timeZone: 'UTC', ...({ _cache: sharedMessageFormats } as object) };
});
