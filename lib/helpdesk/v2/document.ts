import { z } from 'zod';
import { HelpdeskBadResponseError } from '../errors';

/** Reading Zendesk's JSON: parsed, validated with zod, and refused with a bad response when it is not what was asked for. */

function readJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HelpdeskBadResponseError(`help desk answer is not JSON (expected a ${what})`, { cause: error });
  }
}

export function validate<T extends z.ZodType>(schema: T, text: string, what: string): z.output<T> {
  const result = schema.safeParse(readJson(text, what));
  if (result.success) return result.data;
  // Paths only: values may be customer text, which does not belong in logs.
  const where = result.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)');
  throw new HelpdeskBadResponseError(`help desk answer is not a ${what} (at ${where.join(', ')})`, { cause: result.error });
}

/** Zendesk ids are JSON integers; the portal keeps them as digit strings. */
export const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String);
export const optionalText = z.string().nullish();

export function toIso(value: string | null | undefined, field: string): string {
  const time = value ? Date.parse(value.trim()) : NaN;
  if (Number.isNaN(time)) throw new HelpdeskBadResponseError(`help desk answer has no valid ${field}`);
  return new Date(time).toISOString();
}
