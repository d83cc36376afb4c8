import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { MAX_TEXT, textLength } from '@/lib/forms/text';

/**
 * Next refuses a server action body over 1 MB (its default `serverActions.bodySizeLimit`) before
 * reading it whole, and the browser would only get a bare error. The largest text the help desk
 * takes (65,535 characters, at most 4 bytes each) is far below that, so a form can refuse an
 * oversized paste itself, with words and with the text left in place.
 */
export const MAX_SENDABLE_BYTES = 900_000;

/** The text's size when it is too big to send, else null; the form says it in words. */
export function oversize(form: HTMLFormElement, fields: string[]): { max: number; count: number } | null {
  const encoder = new TextEncoder();
  let bytes = 0;
  let characters = 0;
  for (const name of fields) {
    const element = form.elements.namedItem(name);
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
      bytes += encoder.encode(element.value).length;
      characters += textLength(element.value);
    }
  }
  if (bytes <= MAX_SENDABLE_BYTES) return null;
  return { max: MAX_TEXT, count: characters };
}

/**
 * For a form's onSubmit: refuses an oversized text here, not by the server's body limit, so the
 * user gets words and keeps the text. `tooLong` is the message while the text is too long.
 */
export function useOversizeGuard(fields: string[]) {
  const t = useTranslations('forms');
  const [tooLong, setTooLong] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const size = oversize(event.currentTarget, fields);
    const problem = size ? t('oversize', size) : null;
    setTooLong(problem);
    if (problem) event.preventDefault();
  };
  return { tooLong, onSubmit };
}
