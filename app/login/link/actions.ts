'use server';

import { redirect } from 'next/navigation';
import { requestLogger } from '@/lib/platform/log';
import { signInWithLink } from '@/lib/session/email-link';

/**
 * The confirmation page's button: spends the link and signs its customer in, then on to the page
 * they asked for. A link already spent (another tab, a second click), expired or changed comes
 * back to the page, which says which and offers a new one. proxy.ts has refused a post from
 * another site before this runs.
 */
export async function useSignInLink(formData: FormData): Promise<void> {
  const log = await requestLogger({ event: 'email_link' });
  const found = await signInWithLink(formData.get('token'));
  if (!found.ok) {
    log.info({ outcome: found.problem }, 'sign-in link refused');
    redirect(`/login/link?${new URLSearchParams({ problem: found.problem, ...(found.next ? { next: found.next } : {}) })}`);
  }
  log.info({ outcome: 'signed_in', requesterId: found.record.requester.id }, 'signed in with a link');
  redirect(found.record.next);
}
