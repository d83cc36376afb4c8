import 'server-only';
import { randomUUID } from 'node:crypto';
import { getIronSession, unsealData, type IronSession, type SessionOptions } from 'iron-session';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getConfig } from '../platform/config';
import { getHelpdesk, type Caller, type Requester } from '../helpdesk';
import { signInHref } from './safe-next-path';
import { sessionCookie } from './cookie';
import { endSession, isSessionEnded } from './revocation';

/**
 * The session lives in a sealed (encrypted and signed) cookie, so any number of portal instances
 * can serve a user; only whether it was ended (log-out) is looked up in the shared state
 * (lib/session/revocation.ts).
 */
export interface SessionData {
  requester?: Requester;
  /**
   * End-user sign-in mode only: the help desk knows no other way to let the portal call as the
   * user. Sealed in the cookie, never readable by the browser. Absent in on-behalf-of mode.
   */
  password?: string;
  signedInAt?: number;
  /** Names this session, so a log-out can end it wherever the cookie was copied. */
  sid?: string;
}

export { SESSION_COOKIE_NAME } from './cookie';

export function sessionOptions(): SessionOptions {
  const config = getConfig();
  // SameSite=Lax normally; SameSite=None, Secure, Partitioned when other sites may frame the portal.
  const cookie = sessionCookie(config);
  return {
    cookieName: cookie.name,
    password: config.sessionSecret,
    ttl: config.sessionTtlSeconds,
    cookieOptions: cookie.options,
  };
}

/** Sessions read in this process whose cookie is still sent although the session was ended. */
const endedSessions = new WeakSet<IronSession<SessionData>>();

/**
 * The request's session. Cached per request (React `cache`): the header and the page both ask for
 * it, and the cookie is unsealed and checked against the ended sessions once (one shared-state
 * read). It is the same object everywhere in the request, so a `save()` or `destroy()` is seen by
 * whatever renders after it. An ended session reads as signed out.
 */
export const getSession = cache(async () => {
  const store = await cookies();
  const options = sessionOptions();
  const session = await getIronSession<SessionData>(store, options);
  if (!session.requester) await readWithPreviousSecret(session, store.get(options.cookieName)?.value, options.ttl);
  if (session.requester && (await isSessionEnded({ sid: session.sid, userId: session.requester.id, signedInAt: session.signedInAt }))) {
    clear(session);
    endedSessions.add(session);
  }
  return session;
});

function clear(session: IronSession<SessionData>) {
  for (const key of Object.keys(session) as (keyof SessionData)[]) delete session[key];
}

/** True when this request came with a cookie of a session that has been ended. */
export async function sessionWasEnded(): Promise<boolean> {
  return endedSessions.has(await getSession());
}

/**
 * Ends the request's session everywhere its cookie was copied. The cookie itself is cleared only
 * where cookies may be set (actions, route handlers): `clearCookie` false while rendering a page.
 */
export async function endCurrentSession({ clearCookie }: { clearCookie: boolean }): Promise<void> {
  const session = await getSession();
  if (session.requester) {
    await endSession({ sid: session.sid, userId: session.requester.id, signedInAt: session.signedInAt }, getConfig().sessionTtlSeconds);
    clear(session);
    endedSessions.add(session);
  }
  if (clearCookie) session.destroy();
}

/**
 * Secret rotation: a cookie the current secret cannot open may have been sealed with the previous
 * one. iron-session's own password map picks the key by the id written in the seal, so a fixed
 * `{ 1: previous, 2: current }` would survive one rotation only; every seal here carries id 1 and
 * the previous secret is simply tried second. A session read this way is sealed with the current
 * secret the next time it is saved, and the previous secret's seal still expires on its own TTL.
 */
async function readWithPreviousSecret(session: IronSession<SessionData>, sealed: string | undefined, ttl: number | undefined) {
  const previous = getConfig().sessionSecretPrevious;
  if (!previous || !sealed) return;
  const data = await unsealData<SessionData>(sealed, { password: previous, ttl });
  if (data.requester) Object.assign(session, data);
}

/**
 * Signs `requester` in on this browser. Whatever session it had is replaced whole, so two
 * customers' data never mix. `password` only in the end-user sign-in mode (see SessionData).
 */
export async function startSession(requester: Requester, password?: string): Promise<void> {
  const session = await getSession();
  clear(session);
  endedSessions.delete(session);
  session.requester = requester;
  session.signedInAt = Date.now();
  session.sid = randomUUID();
  if (password !== undefined) session.password = password;
  await session.save();
}

/** The signed-in requester with the credentials to call the help desk for them, or null. */
export async function getCaller(): Promise<{ caller: Caller; requester: Requester } | null> {
  const session = await getSession();
  const requester = session.requester;
  if (!requester) return null;
  // The door decides how to call for this customer (their password, or the portal's own credentials).
  const caller = getHelpdesk().callerFor({ requester, ...(session.password ? { password: session.password } : {}) });
  return caller ? { requester, caller } : null;
}

/** For pages: the caller, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requireCaller(returnTo: string) {
  const found = await getCaller();
  if (!found) redirect(signInHref(returnTo));
  return found;
}
