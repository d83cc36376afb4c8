import 'server-only';
import { getHelpdesk, type Caller, type SupportRequest } from '@/lib/helpdesk';
import type { Found } from '@/lib/forms/submit-once';
import { sameText } from '@/lib/forms/text';

/**
 * What the reply form's two buttons need beside a plain reply: which one was pressed, how an
 * earlier attempt is recognised (submit-once's `findEarlier`), and where the page goes after.
 */

/** Which of the reply form's buttons sent it (`name="intent"`): `solve` also marks the request solved. */
export type ReplyIntent = 'reply' | 'solve';

export function replyIntent(formData: FormData): ReplyIntent {
  return formData.get('intent') === 'solve' ? 'solve' : 'reply';
}

/**
 * This user's comments with the same text, added since `since`, oldest first. Comments have no id
 * in the end-user view; a comment is told apart by its time and its place among the comments made
 * in that same second, which never change.
 */
export function ownComments(request: SupportRequest, body: string, since: number): Found[] {
  const sameSecond = new Map<string, number>();
  const found: Found[] = [];
  for (const comment of request.comments) {
    const place = sameSecond.get(comment.createdAt) ?? 0;
    sameSecond.set(comment.createdAt, place + 1);
    const at = Date.parse(comment.createdAt);
    if (comment.author.role === 'you' && sameText(comment.body, body) && at >= since) {
      found.push({ key: `comment:${request.id}:${comment.createdAt}:${place}`, id: request.id, at });
    }
  }
  return found;
}

/**
 * What an earlier attempt at marking solved may have done. With a last word, that comment: it and
 * the solving are one help desk call, so finding it means both happened (and the request must
 * still be solved or closed, so a plain reply of the same text is not taken for it). Without one,
 * the request itself, solved since the attempt: the key names the moment, so a request solved
 * again another day is another result.
 */
export async function findSolved(caller: Caller, requestId: string, body: string, since: number): Promise<Found[]> {
  return solvedSince(await getHelpdesk().getRequest(caller, requestId), body, since);
}

/** findSolved's answer for the request as the help desk shows it now. */
export function solvedSince(request: SupportRequest, body: string, since: number): Found[] {
  if (request.status !== 'solved' && request.status !== 'closed') return [];
  if (body !== '') return ownComments(request, body, since);
  const at = Date.parse(request.updatedAt);
  return at >= since ? [{ key: `solved:${request.id}:${request.updatedAt}`, id: request.id, at }] : [];
}

/** Where the page goes once solved: its notice says whether a last word went with it. */
export function solvedHref(id: string, body: string): string {
  return body.trim() === '' ? `/requests/${id}?solved=1` : `/requests/${id}?solved=1&replied=1#latest`;
}
