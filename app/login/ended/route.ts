import { redirect } from 'next/navigation';
import { safeNextPath, signInHref } from '@/lib/session/safe-next-path';
import { getSession, sessionWasEnded } from '@/lib/session/session';

/**
 * Where a page sends a customer whose session was just ended (the help desk refused its
 * credentials): clears the cookie, which a page cannot do while rendering, so the browser stops
 * sending a dead session, then shows sign-in with "your session has ended". It clears only a
 * cookie that is already ended, so a link to it from another site cannot sign anyone out.
 */
export async function GET(request: Request) {
  const next = safeNextPath(new URL(request.url).searchParams.get('next') ?? undefined);
  if (await sessionWasEnded()) (await getSession()).destroy();
  redirect(signInHref(next, { expired: true }));
}
