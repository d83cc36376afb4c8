import { createHash, randomBytes } from 'node:crypto';
import { FORM_TOKEN_FIELD } from './form-token-field';
import { normalizeNewlines } from './text';

/**
 * A one-time form token: each rendering of the new-request or reply form carries a fresh one in a
 * hidden field, and the form keeps sending the same one on every retry of that text. The server
 * remembers what a token produced (lib/forms/submit-once.ts), so a double submit, a browser retry or a
 * resubmit after a time-out yields the same request or comment instead of a second one.
 */
export { FORM_TOKEN_FIELD };

export function newFormToken(): string {
  return randomBytes(18).toString('base64url');
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The submitted token, or a fresh one when it is missing or malformed (a form rendered before
 * tokens existed, or a hand-made post): that submission simply gets no duplicate protection from
 * earlier ones, and its retries are protected from then on because the form is handed this token.
 */
export function formTokenFrom(formData: FormData): string {
  const value = formData.get(FORM_TOKEN_FIELD);
  return typeof value === 'string' && TOKEN_PATTERN.test(value) ? value : newFormToken();
}

/**
 * What identifies one submission: the form's token plus what was typed. A retry of the same text is
 * the same submission; the same form sent again with different text (a draft edited after an
 * attempt) is a new one, so an edit is never answered with the earlier, different result.
 */
export function submissionKey(token: string, text: string[]): string {
  return `${token}.${digest(text)}`;
}

/**
 * What every submission of the same text shares, whatever its form: the texts as the help desk
 * search compares them (lib/forms/text.ts `sameText`), so two submissions that could find the same
 * result always share a scope (lib/forms/submit-claims.ts).
 */
export function textScope(text: string[]): string {
  return digest(text.map((part) => normalizeNewlines(part).trim()));
}

function digest(text: string[]): string {
  return createHash('sha256').update(JSON.stringify(text)).digest('base64url').slice(0, 22);
}
