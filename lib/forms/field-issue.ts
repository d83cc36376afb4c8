/**
 * A field's complaint as lib/ says it: a code and its parameters, never words. It travels through
 * zod as the issue's message, `code?name=value&…` (zod keeps only strings there), and the UI turns
 * it into words in the customer's language (app/ui/forms/field-words.ts, the catalog's `fields`).
 */
export type FieldIssueCode =
  | 'emailRequired'
  | 'emailInvalid'
  | 'passwordRequired'
  | 'passwordTooLong'
  | 'subjectRequired'
  | 'descriptionRequired'
  | 'bodyRequired'
  | 'tooLong'
  | 'subjectControlChars'
  | 'controlChars'
  | 'requestNotFound'
  // The help desk's own fields (lib/forms/custom-fields.ts): each names the field's title.
  | 'fieldRequired'
  | 'fieldInteger'
  | 'fieldDecimal'
  | 'fieldDate'
  | 'fieldPattern'
  | 'fieldOption'
  | 'fieldTooLong'
  | 'ccInvalid'
  | 'ccTooMany';

export type FieldIssueParams = Record<string, string | number>;

export interface FieldIssue {
  code: FieldIssueCode | 'invalid';
  params: FieldIssueParams;
}

const CODES: ReadonlySet<string> = new Set<FieldIssueCode>([
  'emailRequired',
  'emailInvalid',
  'passwordRequired',
  'passwordTooLong',
  'subjectRequired',
  'descriptionRequired',
  'bodyRequired',
  'tooLong',
  'subjectControlChars',
  'controlChars',
  'requestNotFound',
  'fieldRequired',
  'fieldInteger',
  'fieldDecimal',
  'fieldDate',
  'fieldPattern',
  'fieldOption',
  'fieldTooLong',
  'ccInvalid',
  'ccTooMany',
]);

export function fieldIssue(code: FieldIssueCode, params: FieldIssueParams = {}): string {
  const query = new URLSearchParams(Object.entries(params).map(([name, value]) => [name, String(value)])).toString();
  return query ? `${code}?${query}` : code;
}

/** Reads an issue back; anything not made by fieldIssue (zod's own English) is a plain `invalid`. */
export function readFieldIssue(message: string): FieldIssue {
  const [code = '', query = ''] = message.split(/\?(.*)/s, 2);
  if (!CODES.has(code)) return { code: 'invalid', params: {} };
  const params: FieldIssueParams = {};
  for (const [name, value] of new URLSearchParams(query)) params[name] = /^\d{1,15}$/.test(value) ? Number(value) : value;
  return { code: code as FieldIssueCode, params };
}
