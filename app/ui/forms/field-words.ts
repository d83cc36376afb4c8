import { readFieldIssue } from '@/lib/forms/field-issue';
import type { Translator } from '@/lib/i18n/translator';

/** A field's complaints (codes with parameters from lib/forms) in the customer's language. */
export function fieldWords(t: Translator, issues: string[] | undefined): string[] | undefined {
  return issues?.map((message) => {
    const { code, params } = readFieldIssue(message);
    return t(`fields.${code}`, params as Record<string, string | number>);
  });
}

/** Every field's complaints of a form, in words. */
export function fieldErrorsInWords<Errors extends Record<string, string[] | undefined>>(t: Translator, errors: Errors | undefined): Errors | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([field, issues]) => [field, fieldWords(t, issues)])) as Errors;
}
