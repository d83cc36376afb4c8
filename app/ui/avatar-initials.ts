/**
 * What an avatar shows when the help desk has no photo: the person's initials on a colour of the
 * palette's (`--portico-avatar-1` … `-6` in app/globals.css, each tested at 4.5:1 with its text).
 * Pure and dependency-free, so the unit tests and the contrast test use it as the page does.
 */

/** How many avatar colours globals.css defines. */
export const AVATAR_COLOURS = 6;

/** A letter with an upper and a lower case (Latin, Greek, Cyrillic…): initials of two read well. */
const hasCase = (letter: string) => letter.toLowerCase() !== letter.toUpperCase();

// One per language (a handful): making an Intl.Segmenter costs far more than using one, and every comment's avatar asks.
const segmenters = new Map<string, Intl.Segmenter>();
function graphemes(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'grapheme' })));
  return segmenter;
}

/**
 * "Ann Marie Agent" → "AA", "alice" → "A", "山田太郎" → "山", "محمد علي" → "م". Two initials (first and
 * last word) only where letters have case: in scripts without it (Han, Kana, Arabic, Hebrew…) one
 * character is the custom, and two Arabic letters side by side would join into a word. Whole
 * characters (grapheme clusters), so an accent or an emoji is never cut in half. Empty when the
 * name has no letter or digit.
 */
export function initials(name: string, locale: string): string {
  const segmenter = graphemes(locale);
  const firsts = name
    .split(/[\s\u00a0\u3000]+/)
    .map((word) => Array.from(segmenter.segment(word), (s) => s.segment).find((g) => /[\p{L}\p{N}]/u.test(g)))
    .filter((g): g is string => g !== undefined);
  const first = firsts[0];
  if (first === undefined) return '';
  const last = firsts.length > 1 ? firsts.at(-1) : undefined;
  const letters = last !== undefined && hasCase(first) && hasCase(last) ? first + last : first;
  return letters.toLocaleUpperCase(locale);
}

/** 1 … AVATAR_COLOURS, the same for the same key (a person's help desk id, else their name). */
export function avatarColour(key: string): number {
  let hash = 2166136261; // FNV-1a: small, and spreads neighbouring ids over the colours
  for (const unit of key) {
    hash ^= unit.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 16777619);
  }
  return ((hash >>> 0) % AVATAR_COLOURS) + 1;
}
