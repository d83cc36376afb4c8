// What a customer types into a search, as an FTS5 expression over their own requests.
//
// The words are free text in the style of the help desk's search reference: every word must
// match (in the subject or the public conversation, any case, accents ignored), "a phrase" in
// double quotes matches those words in a row, `word*` matches words that start with `word`, and
// `-word` leaves out requests with that word. Nothing a customer types reaches FTS5 as syntax:
// each word or phrase becomes a quoted FTS5 string, so `OR`, `NEAR`, `owner:` or a stray quote
// are just words. Property keywords of the reference (`status:open`, `order_by:…`) are not
// implemented; they are searched as the words they contain.
import { ownerToken } from './store/search';

/** The longest query the sandbox takes (a 400 beyond it): a search box, not a document. */
export const MAX_QUERY_LENGTH = 500;

interface Term {
  text: string;
  prefix: boolean;
  negated: boolean;
}

/** Something FTS5's tokenizer keeps: a letter or a digit. */
const SEARCHABLE = /[\p{L}\p{N}]/u;

function readTerms(query: string): Term[] {
  const terms: Term[] = [];
  // A -"phrase", a "phrase" (an unclosed one runs to the end), or a run of other characters.
  const pattern = /(-?)"([^"]*)"?|(\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const [, minus, phrase, bare] = match;
    if (phrase !== undefined) {
      terms.push({ text: phrase, prefix: false, negated: minus === '-' });
      continue;
    }
    let text = bare ?? '';
    const negated = text.length > 1 && text.startsWith('-');
    if (negated) text = text.slice(1);
    const prefix = text.length > 1 && text.endsWith('*');
    if (prefix) text = text.replace(/\*+$/, '');
    terms.push({ text, prefix, negated });
  }
  return terms.filter((term) => SEARCHABLE.test(term.text));
}

const ftsString = (text: string) => `"${text.replaceAll('"', '""')}"`;
const ftsTerm = (term: Term) => `${ftsString(term.text)}${term.prefix ? ' *' : ''}`;

/**
 * The FTS5 expression for `requesterId`'s requests matching `query`, or null when the query has
 * nothing to search for (only punctuation). Only words to leave out: all their other requests.
 */
export function ftsMatch(requesterId: number, query: string): string | null {
  const terms = readTerms(query);
  if (terms.length === 0) return null;
  const wanted = terms.filter((term) => !term.negated);
  const unwanted = terms.filter((term) => term.negated);
  const owner = `owner : ${ftsString(ownerToken(requesterId))}`;
  const base = wanted.length === 0 ? owner : `${owner} AND {subject conversation} : (${wanted.map(ftsTerm).join(' ')})`;
  return unwanted.length === 0 ? base : `(${base}) NOT {subject conversation} : (${unwanted.map(ftsTerm).join(' OR ')})`;
}
