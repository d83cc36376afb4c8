import { z } from 'zod';
import { fieldIssue } from './field-issue';
import { hasDoubleCharacters, MAX_SUBJECT, MAX_TEXT, NON_XML_CHAR, normalizeNewlines, REQUEST_ID_PATTERN, textLength } from './text';

/**
 * The rules for what a customer may send, shared by every form. Text is sent as typed: only the
 * browser's CRLF line endings are turned back into the newlines the user saw, and the subject
 * is trimmed because stray spaces there are never meant. Lengths are the help desk's own count
 * (lib/forms/text.ts), so what the form accepts the help desk accepts. Complaints are codes with
 * parameters (lib/forms/field-issue.ts); the form says them in the customer's language.
 */

type Field = 'subject' | 'description' | 'body';

/** At most `max` by the help desk's count; the complaint names the limit and this text's count. */
const atMost = (field: Field, max: number) => (value: string, ctx: z.RefinementCtx) => {
  if (textLength(value) > max) {
    ctx.addIssue({ code: 'custom', message: fieldIssue('tooLong', { field, max, count: textLength(value), doubled: hasDoubleCharacters(value) ? 'yes' : 'no' }) });
  }
};

function message(field: Exclude<Field, 'subject'>, max: number) {
  return z
    .string()
    .transform(normalizeNewlines)
    .refine((v) => v.trim().length > 0, fieldIssue(field === 'description' ? 'descriptionRequired' : 'bodyRequired'))
    .superRefine(atMost(field, max))
    .refine((v) => !NON_XML_CHAR.test(v), fieldIssue('controlChars'));
}

export const SubjectSchema = z
  .string()
  .transform((v) => v.trim())
  .refine((v) => v.length > 0, fieldIssue('subjectRequired'))
  .superRefine(atMost('subject', MAX_SUBJECT))
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), fieldIssue('subjectControlChars'));

const RequestIdSchema = z.string().regex(REQUEST_ID_PATTERN, fieldIssue('requestNotFound'));

export const NewRequestSchema = z.object({
  subject: SubjectSchema,
  description: message('description', MAX_TEXT),
  /** The closed request this one follows up; none when the form has no link (empty or absent). */
  followUpOf: z.preprocess((v) => (v === '' || v === undefined ? null : v), RequestIdSchema.nullable()),
});

export const ReplySchema = z.object({
  requestId: RequestIdSchema,
  body: message('body', MAX_TEXT),
});

/**
 * Marking a request solved, with a last word or none: a body of only spaces is none, any other
 * follows a reply's rules.
 */
export const SolveSchema = z.object({
  requestId: RequestIdSchema,
  body: z
    .string()
    .transform((v) => (v.trim() === '' ? '' : normalizeNewlines(v)))
    .superRefine(atMost('body', MAX_TEXT))
    .refine((v) => !NON_XML_CHAR.test(v), fieldIssue('controlChars')),
});

export type NewRequestInput = z.infer<typeof NewRequestSchema>;
export type ReplyInput = z.infer<typeof ReplySchema>;
export type SolveInput = z.infer<typeof SolveSchema>;
