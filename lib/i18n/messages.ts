import type { Locale } from './locales';
import en from './messages/en.json';

/** The English catalog's shape is every catalog's shape (checked by lib/i18n/test/catalogs.test.ts). */
export type Messages = typeof en;

const catalogs: Record<Locale, () => Promise<Messages>> = {
  en: async () => en,
  de: async () => (await import('./messages/de.json')).default,
  fr: async () => (await import('./messages/fr.json')).default,
  es: async () => (await import('./messages/es.json')).default,
  ja: async () => (await import('./messages/ja.json')).default,
  ar: async () => (await import('./messages/ar.json')).default,
};

export function loadMessages(locale: Locale): Promise<Messages> {
  return catalogs[locale]();
}
