/**
 * Splits a comment into plain text and web links, so a page can make http(s) addresses clickable
 * while everything else stays text. Nothing here produces HTML: the page renders text parts as
 * text nodes and link parts as <a> elements whose href is a URL this function has parsed and whose
 * scheme is http or https. `javascript:`, `data:` and any other scheme can never become a link.
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A candidate starts at a word boundary with http:// or https:// and runs to whitespace or a
// character that cannot appear unescaped in a URL someone typed.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`{}|\\^]+/gi;
const TRAILING = /[.,;:!?'")\]}*_~]$/;
const MAX_URL_LENGTH = 2048;

/** Drops punctuation that ends the sentence, not the URL: "see https://x.example/a." */
function trimTrailing(candidate: string): string {
  let url = candidate;
  while (TRAILING.test(url)) {
    // Keep a closing parenthesis that closes one inside the URL (Wikipedia-style links).
    if (url.endsWith(')') && count(url, '(') >= count(url, ')')) break;
    url = url.slice(0, -1);
  }
  return url;
}

const count = (text: string, char: string) => text.split(char).length - 1;

function safeHref(text: string): string | null {
  if (text.length > MAX_URL_LENGTH) return null;
  try {
    const url = new URL(text);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
    return url.href;
  } catch {
    return null;
  }
}

export function linkify(body: string): TextPart[] {
  const parts: TextPart[] = [];
  let plain = '';
  let last = 0;
  for (const match of body.matchAll(CANDIDATE)) {
    const text = trimTrailing(match[0]);
    const href = safeHref(text);
    if (!href) continue;
    plain += body.slice(last, match.index);
    if (plain) parts.push({ kind: 'text', text: plain });
    plain = '';
    parts.push({ kind: 'link', text, href });
    last = match.index + text.length;
  }
  plain += body.slice(last);
  if (plain) parts.push({ kind: 'text', text: plain });
  return parts;
}
