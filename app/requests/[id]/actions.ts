'use server';

import { redirect } from 'next/navigation';
import type { KeptUpload } from '@/lib/attachments/receipt';
import { sendReplyForm } from './send-reply';

export interface ReplyState {
  errors?: { body?: string[]; ccs?: string[]; files?: string[] };
  message?: string;
  /** The submitted reply, fed back into the form so nothing typed is lost on an error. */
  values?: { body: string; ccs?: string };
  /** The form's one-time token, kept for the retry so the server recognises the same text. */
  token?: string;
  /** Set when the session has ended: where to log in and come back to this request. */
  signInHref?: string;
  /** The files the help desk already has for this reply, attached again on the retry without a new upload. */
  uploads?: KeptUpload[];
}

export async function sendReply(_previous: ReplyState, formData: FormData): Promise<ReplyState> {
  const outcome = await sendReplyForm(formData);
  if (outcome.done) redirect(outcome.href);
  return outcome.state;
}
