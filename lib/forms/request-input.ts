import { z } from 'zod';
import { MAX_SUBJECT, MAX_TEXT, NON_XML_CHAR, normalizeNewlines, REQUEST_ID_PATTERN, textLength, tooLongMessage } from './text';

/**
 * The rules for what a customer may send, shared by every form. Text is sent as typed: only the
 * browser's CRLF line endings are turned back into the newlines the user saw, and the subject
 * is trimmed because stray spaces there are never meant. Lengths are the help desk's own count
 * (lib/forms/text.ts), so what the form accepts the help desk accepts.
 */

/** At most `max` by the help desk's count, with words that name the limit and this text's count. */
const atMost = (label: string, max: number) => (value: string, ctx: z.RefinementCtx) => {
  if (textLength(value) > max) ctx.addIssue({ code: 'custom', message: tooLongMessage(label, max, value) });
};

function message(label: string, max: number) {
  return z
    .string()
    .transform(normalizeNewlines)
    .refine((v) => v.trim().length > 0, `Enter ${label}.`)
    .superRefine(atMost(`${label[0]!.toUpperCase()}${label.slice(1)}`, max))
    .refine((v) => !NON_XML_CHAR.test(v), 'Remove the invisible control characters (such as NUL) from this text.');
}

export const SubjectSchema = z
  .string()
  .transform((v) => v.trim())
  .refine((v) => v.length > 0, 'Enter a subject.')
  .superRefine(atMost('The subject', MAX_SUBJECT))
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Remove the control characters (such as NUL or line breaks) from the subject.');

export const NewRequestSchema = z.object({
  subject: SubjectSchema,
  description: message('a description', MAX_TEXT),
});

export const ReplySchema = z.object({
  requestId: z.string().regex(REQUEST_ID_PATTERN, 'This request could not be found.'),
  body: message('a reply', MAX_TEXT),
});

export type NewRequestInput = z.infer<typeof NewRequestSchema>;
export type ReplyInput = z.infer<typeof ReplySchema>;
