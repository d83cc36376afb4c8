'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { addComment, HelpdeskError, HelpdeskValidationError } from '@/lib/helpdesk';
import { ReplySchema } from '@/lib/request-input';
import { getCaller } from '@/lib/session';
import { sessionEndedMessage, writeFailureMessage } from '@/lib/write-failure';

export interface ReplyState {
  errors?: { body?: string[] };
  message?: string;
  /** The submitted reply, fed back into the form so nothing typed is lost on an error. */
  values?: { body: string };
}

export async function sendReply(_previous: ReplyState, formData: FormData): Promise<ReplyState> {
  const values = { body: String(formData.get('body') ?? '') };
  const signedIn = await getCaller();
  if (!signedIn) return { message: sessionEndedMessage(), values };

  const parsed = ReplySchema.safeParse({ requestId: String(formData.get('requestId') ?? ''), body: values.body });
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return { errors: { body: fieldErrors.body }, message: fieldErrors.requestId?.[0], values };
  }

  try {
    await addComment(signedIn.caller, parsed.data.requestId, parsed.data.body);
  } catch (error) {
    if (error instanceof HelpdeskValidationError) {
      return { message: `The help desk did not accept the reply: ${error.messages.join(' ')} Your text is still here.`, values };
    }
    if (error instanceof HelpdeskError) return { message: writeFailureMessage(error, 'reply'), values };
    throw error;
  }
  redirect(`/requests/${parsed.data.requestId}?replied=1#latest`);
}
