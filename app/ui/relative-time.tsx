import { getLocale, getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/locales';
import { LocalTime } from './local-time';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Made once per language: building an Intl formatter costs far more than using one, and every row and comment asks.
const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();

function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return format;
}

/** "3 hours ago" in the locale's words; null for "just now" and an unreadable time (the catalog words those). */
export function relativeTime(iso: string, locale: Locale, now = Date.now()): string | 'just-now' | 'unknown' {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (!Number.isFinite(seconds)) return 'unknown';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat(locale).format(Math.trunc(seconds / size), unit);
  }
  return 'just-now';
}

/** "3 hours ago" (or "just now"), in the catalog's words where Intl has none. */
export async function relativeWords(iso: string): Promise<string> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('time')]);
  const relative = relativeTime(iso, locale);
  return relative === 'just-now' ? t('justNow') : relative === 'unknown' ? t('unknown') : relative;
}

/**
 * "Updated 3 hours ago" for reading, followed by the exact moment, visible and in `dateTime` for
 * machines (app/ui/local-time.tsx: in the customer's time zone once the browser has said which).
 * The relative words are the server's: they are right without JavaScript.
 */
export async function RelativeTime({ iso, label }: { iso: string; label?: 'opened' | 'updated' }) {
  const t = await getTranslations('time');
  const time = await relativeWords(iso);
  return <LocalTime iso={iso} relative={label ? t(label, { time }) : time} />;
}
