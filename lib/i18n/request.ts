import 'server-only';
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getConfig } from '../platform/config';
import { embedSettingsFromHeader } from '../embed/context';
import { EMBED_HEADER } from '../embed/settings';
import { LOCALE_COOKIE_NAME } from './cookie';
import { chooseLocale } from './choose';
import { loadMessages } from './messages';

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
  return { locale, messages: await loadMessages(locale), timeZone: 'UTC' };
});
