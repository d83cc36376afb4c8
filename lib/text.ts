/**
 * Small rules about customer text and ids that the server, the client forms and the help desk
 * door all apply, so they must agree. No dependencies: client components import it too.
 */

/** The browser sends CRLF line endings; the user saw (and the help desk stores) plain newlines. */
export const normalizeNewlines = (value: string) => value.replace(/\r\n?/g, '\n');

/** Whether two texts are the one the user typed: line endings and surrounding space aside. */
export const sameText = (a: string, b: string) => normalizeNewlines(a).trim() === normalizeNewlines(b).trim();

/** A request id as it may appear in a URL path: digits only, so nothing else reaches the help desk. */
export const REQUEST_ID_PATTERN = /^\d{1,18}$/;

/** The longest description or reply the help desk takes, in characters. */
export const MAX_TEXT = 65_535;

/**
 * A character XML 1.0 cannot carry at all (NUL and most C0 controls, U+FFFE/U+FFFF, a lone
 * surrogate): the forms refuse it with words, and the XML builder refuses it as a last line.
 */
export const NON_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
