import { otherMethods } from '@/lib/attachments/other-methods';
import { answerFormPost } from '../../form-post';
import { TICKET_FORM_FIELD } from '../request-fields';
import { newRequestPage, sendNewRequest } from '../send-request';

/**
 * The new-request form posted without JavaScript, files and all (app/requests/form-post.ts): the
 * form's `useActionState` permalink, so the `action` its HTML carries before JavaScript runs.
 * Outside proxy.ts's matcher, like every route that takes files (lib/attachments/route-headers.ts).
 */
export async function POST(request: Request) {
  return answerFormPost(request, { page: (formData) => newRequestPage(String(formData.get('followUpOf') ?? ''), String(formData.get(TICKET_FORM_FIELD) ?? '') || null), send: sendNewRequest });
}

/** Every other method: a cross-site write gets the 403 page proxy.ts would give, anyone else a 405. */
const notAllowed = otherMethods(['POST']);
export const PUT = notAllowed;
export const DELETE = notAllowed;
export const PATCH = notAllowed;
