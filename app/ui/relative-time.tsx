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

/** Gives a time's words: "3 hours ago", or with a label "Updated 3 hours ago". */
export type RelativeWords = (iso: string, label?: 'opened' | 'updated') => string;

/**
 * "3 hours ago" (or "just now", in the catalog's words where Intl has none), for any number of
 * times: made once per list or conversation, then called for each row or comment. Rows render
 * synchronously that way: an async component per row was a separate piece of the page's flight
 * payload to schedule, serialize and resolve, twice per row (measured with StatusBadge: a list's
 * 15 rows made 30 of its 79 pieces).
 */
export async function relativeWordsFormatter(): Promise<RelativeWords> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('time')]);
  return (iso, label) => {
    const relative = relativeTime(iso, locale);
    const time = relative === 'just-now' ? t('justNow') : relative === 'unknown' ? t('unknown') : relative;
    return label ? t(label, { time }) : time;
  };
}

/**
 * "Updated 3 hours ago" for reading, followed by the exact moment, visible and in `dateTime` for
 * machines (app/ui/local-time.tsx: in the customer's time zone once the browser has said which).
 * The relative words are the server's: they are right without JavaScript.
 */
export function RelativeTime({ iso, words, label }: { iso: string; words: RelativeWords; label?: 'opened' | 'updated' }) {
  return <LocalTime iso={iso} relative={words(iso, label)} />;
}
