import { getHelpdesk, HelpdeskError, HelpdeskNotFoundError, HelpdeskUnauthorizedError } from '@/lib/helpdesk';
import { REQUEST_ID_PATTERN } from '@/lib/forms/text';
import { requestLogger } from '@/lib/platform/log';
import { getCaller } from '@/lib/session/session';

/**
 * The photo of someone on a customer's request (a comment author), streamed from the help desk so
 * the page never holds the help desk's own address or token. The door finds the person among the
 * request's authors as the signed-in customer (`openPhoto`), so anyone not on a request of theirs,
 * and any request not theirs, is the same 404. Only raster image types are passed on, with
 * `nosniff`: whatever else the help desk may hold under that name is never rendered here.
 */
const PHOTO_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** A user id as it may appear in the path: digits only, as request ids. */
const USER_ID_PATTERN = REQUEST_ID_PATTERN;

const refusal = (status: 401 | 404 | 502) =>
  new Response(null, { status, headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } });

export async function GET(_request: Request, { params }: RouteContext<'/requests/[id]/people/[userId]/photo'>) {
  const { id, userId } = await params;
  if (!REQUEST_ID_PATTERN.test(id) || !USER_ID_PATTERN.test(userId)) return refusal(404);
  const signedIn = await getCaller();
  if (!signedIn) return refusal(401);

  let photo;
  try {
    photo = await getHelpdesk().openPhoto(signedIn.caller, id, userId);
  } catch (error) {
    if (error instanceof HelpdeskNotFoundError) return refusal(404);
    if (error instanceof HelpdeskUnauthorizedError) return refusal(401);
    if (!(error instanceof HelpdeskError)) throw error;
    // The page around it still works: the initials under the photo show instead.
    (await requestLogger()).warn({ event: 'photo_unavailable', code: error.code }, 'a comment author’s photo could not be fetched');
    return refusal(502);
  }
  const type = photo.attachment.contentType;
  if (!PHOTO_TYPES.has(type)) {
    await photo.body.cancel().catch(() => {});
    return refusal(404);
  }
  return new Response(photo.body, {
    headers: {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      // The customer's own view of their request: the browser may keep it a while, no shared cache may.
      'Cache-Control': 'private, max-age=600',
      'Content-Disposition': 'inline; filename="photo"',
    },
  });
}
