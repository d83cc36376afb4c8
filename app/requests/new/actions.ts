'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createRequest, HelpdeskError, HelpdeskValidationError } from '@/lib/helpdesk';
import { NewRequestSchema } from '@/lib/request-input';
import { getCaller } from '@/lib/session';
import { sessionEndedMessage, writeFailureMessage } from '@/lib/write-failure';

export interface NewRequestState {
  errors?: { subject?: string[]; description?: string[] };
  message?: string;
  /** The submitted text, fed back into the form so nothing typed is lost on an error. */
  values?: { subject: string; description: string };
}

export async function submitRequest(_previous: NewRequestState, formData: FormData): Promise<NewRequestState> {
  const values = { subject: String(formData.get('subject') ?? ''), description: String(formData.get('description') ?? '') };
  // An action is a public endpoint: check the session here, not only in the page that shows the form.
  const signedIn = await getCaller();
  if (!signedIn) return { message: sessionEndedMessage(), values };

  const parsed = NewRequestSchema.safeParse(values);
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors, values };

  let id: string;
  try {
    ({ id } = await createRequest(signedIn.caller, parsed.data));
  } catch (error) {
    if (error instanceof HelpdeskValidationError) {
      return { message: `The help desk did not accept the request: ${error.messages.join(' ')} Your text is still here.`, values };
    }
    if (error instanceof HelpdeskError) return { message: writeFailureMessage(error, 'request'), values };
    throw error;
  }
  redirect(`/requests/${id}?created=1`);
}
