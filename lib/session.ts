import 'server-only';
import { getIronSession, type SessionOptions } from 'iron-session';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getConfig } from './config';
import type { Caller, Requester } from './helpdesk/types';
import { safeNextPath } from './safe-next-path';
import { SESSION_COOKIE_NAME } from './session-cookie';

/**
 * The session lives entirely in a sealed (encrypted and signed) cookie, so any number of portal
 * instances can serve a user without shared storage.
 */
export interface SessionData {
  requester?: Requester;
  /**
   * End-user sign-in mode only: the help desk knows no other way to let the portal call as the
   * user. Sealed in the cookie, never readable by the browser. Absent in on-behalf-of mode.
   */
  password?: string;
  signedInAt?: number;
}

export { SESSION_COOKIE_NAME } from './session-cookie';

export function sessionOptions(): SessionOptions {
  const config = getConfig();
  return {
    cookieName: SESSION_COOKIE_NAME,
    password: config.sessionSecret,
    ttl: config.sessionTtlSeconds,
    cookieOptions: {
      httpOnly: true,
      secure: config.secureCookies,
      sameSite: 'lax',
      path: '/',
    },
  };
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}

/** The signed-in requester with the credentials to call the help desk for them, or null. */
export async function getCaller(): Promise<{ caller: Caller; requester: Requester } | null> {
  const session = await getSession();
  const requester = session.requester;
  if (!requester) return null;
  const { agent } = getConfig();
  if (agent) {
    return {
      requester,
      caller: {
        requesterId: requester.id,
        auth: { kind: 'on-behalf-of', agentEmail: agent.email, agentPassword: agent.password, userEmail: requester.email },
      },
    };
  }
  // A session sealed in on-behalf-of mode carries no password: it cannot call as the user.
  if (!session.password) return null;
  return {
    requester,
    caller: { requesterId: requester.id, auth: { kind: 'end-user', email: requester.email, password: session.password } },
  };
}

/** For pages: the caller, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requireCaller(returnTo: string) {
  const found = await getCaller();
  if (!found) redirect(`/login?next=${encodeURIComponent(safeNextPath(returnTo))}`);
  return found;
}
