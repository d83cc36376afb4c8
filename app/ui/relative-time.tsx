const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Made once: building an Intl formatter costs far more than using one, and every row and comment asks.
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const exact = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (!Number.isFinite(seconds)) return 'at an unknown time';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

export function exactTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return exact.format(date) + ' UTC';
}

/**
 * "3 hours ago" for reading, followed by the exact moment, visible (not only on hover, which touch
 * screens and keyboards never reach) and in `dateTime` for machines. Rendered on the server, so it
 * is right without JavaScript; the exact time is in UTC because the server can't know the reader's
 * time zone.
 */
export function RelativeTime({ iso, prefix }: { iso: string; prefix?: string }) {
  const exactText = exactTime(iso);
  return (
    <time dateTime={iso} title={exactText}>
      {prefix ? `${prefix} ` : ''}
      {relativeTime(iso)} <span>({exactText})</span>
    </time>
  );
}
