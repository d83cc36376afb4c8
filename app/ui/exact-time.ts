/**
 * A moment as a customer reads it exactly: date, hour and minute, and the time zone it is in (the
 * zone's short name in the customer's language: "UTC", "GMT+9", "MEZ"), so a time is never
 * ambiguous. Shared by the server, which can only say UTC, and the browser, which knows the
 * customer's zone (app/ui/local-time.tsx). No dependencies: both sides import it.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let made = formats.get(key);
  // Made once per language and zone: building a formatter costs far more than using one.
  if (!made) {
    made = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone });
    formats.set(key, made);
  }
  return made;
}

/** The exact moment in `timeZone`; null when `iso` is not a time or the zone is unknown. */
export function exactTime(iso: string, locale: string, timeZone = 'UTC'): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  try {
    return format(locale, timeZone).format(date);
  } catch {
    return timeZone === 'UTC' ? null : exactTime(iso, locale, 'UTC');
  }
}
