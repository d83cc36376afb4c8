/**
 * Where a search's words are in a request's text, found by the portal itself: a help desk's
 * snippet is plain text (Zendesk's search gives none at all), so the page marks the words, as
 * text, and never shows markup a help desk sent.
 *
 * Words are runs of letters and digits, compared without case or accents ("cafe" marks "Café"),
 * the way the sandbox's search matches them. `word*` marks words that start with `word`; a word
 * to leave out (`-word`) marks nothing; the words of a "phrase" are marked wherever they are.
 */

export interface SearchTerm {
  /** Folded: lower case, no accents. */
  word: string;
  prefix: boolean;
}

/** One piece of a text: marked when it is a word of the search. */
export interface TextPiece {
  text: string;
  marked: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

export const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function searchTerms(query: string): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  for (const [, minus, phrase, bare] of query.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    const token = phrase ?? bare ?? '';
    if ((phrase !== undefined && minus === '-') || (bare !== undefined && bare.length > 1 && bare.startsWith('-'))) continue;
    const prefix = phrase === undefined && /[\p{L}\p{N}]\*+$/u.test(token);
    const words = [...token.matchAll(WORD)].map((m) => fold(m[0]));
    words.forEach((word, index) => {
      // Only a bare token's last word is a prefix (`print*`); `-` inside a word ("e-mail") splits it.
      const term = { word, prefix: prefix && index === words.length - 1 };
      const key = `${term.word}${term.prefix ? '*' : ''}`;
      if (word !== '' && !terms.has(key)) terms.set(key, term);
    });
  }
  return [...terms.values()];
}

const matches = (word: string, terms: readonly SearchTerm[]) => {
  const folded = fold(word);
  return terms.some((term) => (term.prefix ? folded.startsWith(term.word) : folded === term.word));
};

/** The text in pieces, each word of the search marked; one unmarked piece when none is there. */
export function markWords(text: string, terms: readonly SearchTerm[]): TextPiece[] {
  if (terms.length === 0) return [{ text, marked: false }];
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    if (!matches(match[0], terms)) continue;
    if (match.index > at) pieces.push({ text: text.slice(at, match.index), marked: false });
    pieces.push({ text: match[0], marked: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}

export const hasMarks = (pieces: readonly TextPiece[]) => pieces.some((piece) => piece.marked);

/**
 * About `maxChars` of `text` around its first word of the search, whitespace made single spaces,
 * with "…" where it was cut; null when no word of the search is in it.
 */
export function excerptAround(text: string, terms: readonly SearchTerm[], maxChars = 160): string | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  const first = [...flat.matchAll(WORD)].find((match) => matches(match[0], terms));
  if (first === undefined) return null;
  const chars = Array.from(flat);
  if (chars.length <= maxChars) return flat;
  // Code point offsets, so an emoji is never cut in half; the word starts a third of the way in.
  const wordAt = Array.from(flat.slice(0, first.index)).length;
  const start = Math.max(0, Math.min(wordAt - Math.floor(maxChars / 3), chars.length - maxChars));
  const end = Math.min(chars.length, start + maxChars);
  // Cut at spaces where there is one near, so no word is shown in half.
  let slice = chars.slice(start, end).join('');
  if (start > 0) slice = slice.replace(/^\S*\s/, '');
  if (end < chars.length) slice = slice.replace(/\s\S*$/, '');
  return `${start > 0 ? '…' : ''}${slice}${end < chars.length ? '…' : ''}`;
}
