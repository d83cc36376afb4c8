import type { RequestSummary } from '@/lib/helpdesk';

const TITLE_MAX_CHARS = 80;

/**
 * What a page shows as the request's name: its subject, else its first line, else its number
 * (`untitled`, the catalog's "Request #42" in the customer's language). Never empty.
 */
export function requestTitle(request: Pick<RequestSummary, 'id' | 'subject' | 'description'>, untitled: (id: string) => string): string {
  const { subject, description, id } = request;
  if (subject !== null && subject.trim() !== '') return subject.trim();
  const line = description.split(/\r\n|\r|\n/).map((l) => l.trim()).find((l) => l !== '');
  if (line === undefined) return untitled(id);
  const chars = Array.from(line); // code points, so an emoji is never cut in half
  return chars.length <= TITLE_MAX_CHARS ? line : `${chars.slice(0, TITLE_MAX_CHARS - 1).join('').trimEnd()}…`;
}
