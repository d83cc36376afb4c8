'use server';

import { redirect } from 'next/navigation';
import type { KeptUpload } from '@/lib/attachments/receipt';
import { sendNewRequest } from './send-request';

export interface NewRequestState {
  /** Also `field_<id>` for the help desk's own fields (lib/forms/custom-fields.ts). */
  errors?: { subject?: string[]; description?: string[]; ccs?: string[]; files?: string[] } & Record<string, string[] | undefined>;
  message?: string;
  /** The submitted text, fed back into the form so nothing typed is lost on an error. */
  values?: { subject: string; description: string; ccs?: string; fields?: Record<string, string | string[]> };
  /** The form's one-time token, kept for the retry so the server recognises the same text. */
  token?: string;
  /** Set when the session has ended: where to log in and come back to this form. */
  signInHref?: string;
  /** The files the help desk already has for this form, attached again on the retry without a new upload. */
  uploads?: KeptUpload[];
}

export async function submitRequest(_previous: NewRequestState, formData: FormData): Promise<NewRequestState> {
  const outcome = await sendNewRequest(formData);
  if (outcome.done) redirect(outcome.href);
  return outcome.state;
}
