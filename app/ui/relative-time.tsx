import { getLocale, getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/locales';

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
const exactFormats = new Map<Locale, Intl.DateTimeFormat>();

function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return format;
}

function exactFormat(locale: Locale): Intl.DateTimeFormat {
  let format = exactFormats.get(locale);
  if (!format) exactFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })));
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

export function exactTime(iso: string, locale: Locale): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return exactFormat(locale).format(date);
}

/**
 * "Updated 3 hours ago" for reading, followed by the exact moment, visible (not only on hover,
 * which touch screens and keyboards never reach) and in `dateTime` for machines. Rendered on the
 * server, so it is right without JavaScript; the exact time is in UTC because the server can't
 * know the reader's time zone.
 */
export async function RelativeTime({ iso, label }: { iso: string; label?: 'opened' | 'updated' }) {
  const locale = await getLocale();
  const t = await getTranslations('time');
  const relative = relativeTime(iso, locale);
  const time = relative === 'just-now' ? t('justNow') : relative === 'unknown' ? t('unknown') : relative;
  const exact = exactTime(iso, locale);
  // "Nov 30, 2026, 1:02 AM UTC": the zone is said on the page too, not only in the hover title.
  const exactText = exact === null ? iso : t('exact', { time: exact });
  return (
    <time dateTime={iso} title={exactText}>
      {label ? t(label, { time }) : time} <span>({exactText})</span>
    </time>
  );
}
