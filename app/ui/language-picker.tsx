'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import styles from './language-picker.module.css';

/**
 * The language picker at the foot of every page: a plain form posted to /language, which keeps
 * the choice in the locale cookie and comes back to this same page. It works without JavaScript;
 * with it, the page's address is read after client navigations too, so it always comes back here.
 * Each language is named in itself, and marked with its own `lang`, so a screen reader says it right.
 */
export function LanguagePicker() {
  const t = useTranslations('language');
  const locale = useLocale();
  const pathname = usePathname();
  const query = useSearchParams().toString();
  return (
    <footer className={styles.footer}>
      <form method="post" action="/language" className={styles.form}>
        <input type="hidden" name="next" value={query ? `${pathname}?${query}` : pathname} />
        <label htmlFor="language-picker">{t('label')}</label>
        <select id="language-picker" name="locale" defaultValue={locale} className={styles.select}>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </select>
        <button type="submit" className={styles.button}>
          {t('submit')}
        </button>
      </form>
    </footer>
  );
}
