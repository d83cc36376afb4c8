import { otherMethods } from '@/lib/attachments/other-methods';
import { routeSecurityHeaders } from '@/lib/attachments/route-headers';
import { REQUEST_ID_PATTERN } from '@/lib/forms/text';
import { answerFormPost } from '../../form-post';
import { sendReplyForm } from '../send-reply';

/**
 * The reply form posted without JavaScript, files and all (app/requests/form-post.ts): the form's
 * `useActionState` permalink, so the `action` its HTML carries before JavaScript runs. Outside
 * proxy.ts's matcher, like every route that takes files (lib/attachments/route-headers.ts).
 */
export async function POST(request: Request, { params }: RouteContext<'/requests/[id]/send'>) {
  const { id } = await params;
  if (!REQUEST_ID_PATTERN.test(id)) return new Response(null, { status: 404, headers: routeSecurityHeaders(new URL(request.url).pathname) });
  return answerFormPost(request, {
    page: `/requests/${id}`,
    anchor: '#reply-heading',
    // The request is the one in the address, whatever the form says.
    send: (formData, refused) => {
      formData.set('requestId', id);
      return sendReplyForm(formData, refused);
    },
  });
}

/** Every other method: a cross-site write gets the 403 page proxy.ts would give, anyone else a 405. */
const notAllowed = otherMethods(['POST']);
export const PUT = notAllowed;
export const DELETE = notAllowed;
export const PATCH = notAllowed;
