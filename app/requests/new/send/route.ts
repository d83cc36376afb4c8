import { answerFormPost } from '../../form-post';
import { newRequestPage, sendNewRequest } from '../send-request';

/**
 * The new-request form posted without JavaScript, files and all (app/requests/form-post.ts): the
 * form's `useActionState` permalink, so the `action` its HTML carries before JavaScript runs.
 * Outside proxy.ts's matcher, like every route that takes files (lib/attachments/route-headers.ts).
 */
export async function POST(request: Request) {
  return answerFormPost(request, { page: (formData) => newRequestPage(String(formData.get('followUpOf') ?? '')), send: sendNewRequest });
}
