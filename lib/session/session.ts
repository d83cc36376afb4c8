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
import { canRecheck, passwordChangedSince } from './recheck';
import { claimRecheck, endSession, markRechecked, sessionStatus, type SessionIdentity } from './revocation';
import { UnsealCache } from './unseal-cache';

/**
 * The session lives in a sealed (encrypted and signed) cookie, so any number of portal instances
 * can serve a user; only whether it was ended (log-out), and in the on-behalf-of mode when it last
 * asked the help desk about a password change, is looked up in the shared state
 * (lib/session/revocation.ts, lib/session/recheck.ts).
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
 *
 * On-behalf-of mode: when that read shows no re-check within SESSION_RECHECK_SECONDS, one request
 * (the one that claims the turn) also asks the help desk whether the customer's password changed
 * since the sign-in, and if so ends the session everywhere, as a log-out does. So a page view
 * costs at most one extra help desk call per session every SESSION_RECHECK_SECONDS, never more.
 */
export const getSession = cache(async () => {
  const store = await cookies();
  const options = sessionOptions();
  const sealed = store.get(options.cookieName)?.value;
  const secrets = secretsOf();
  // A cookie this process has opened before is not unsealed again (./unseal-cache.ts); whether the
  // session was ended is checked below all the same, on every request.
  const opened = sealed ? unsealed.get(sealed, secrets) : undefined;
  const source: CookieSource = opened ? withoutCookie(store, options.cookieName) : store;
  const session = await getIronSession<SessionData>(source, options);
  if (opened) Object.assign(session, opened);
  else {
    if (!session.requester) await readWithPreviousSecret(session, sealed, options.ttl);
    if (sealed) unsealed.remember(sealed, secrets, session);
  }
  if (session.requester && (await isEnded(session, session.requester))) {
    clear(session);
    endedSessions.add(session);
  }
  return session;
});

/** Cookies opened by this process (./unseal-cache.ts). */
const unsealed = new UnsealCache();

/** The secrets a seal may have been opened with: an entry opened under others is not used. */
function secretsOf(): string {
  const { sessionSecret, sessionSecretPrevious } = getConfig();
  return `${sessionSecret}\n${sessionSecretPrevious ?? ''}`;
}

/** The request's cookie store as iron-session sees it when the cookie is already open: nothing to unseal, saving and destroying as usual. */
type CookieSource = Pick<Awaited<ReturnType<typeof cookies>>, 'get' | 'set'>;
function withoutCookie(store: CookieSource, name: string): CookieSource {
  return {
    get: ((...args: Parameters<CookieSource['get']>) => (args[0] === name || (typeof args[0] === 'object' && args[0].name === name) ? undefined : store.get(...args))) as CookieSource['get'],
    set: ((...args: Parameters<CookieSource['set']>) => store.set(...args)) as CookieSource['set'],
  };
}

async function isEnded(session: SessionData, requester: Requester): Promise<boolean> {
  const identity = identityOf(session, requester);
  const recheck = canRecheck(getHelpdesk(), session.password !== undefined);
  const status = await sessionStatus(identity, { recheck });
  if (status.ended) return true;
  if (!status.recheckDue) return false;
  const { sessionRecheckSeconds, sessionTtlSeconds } = getConfig();
  if (!(await claimRecheck(identity, sessionRecheckSeconds))) return false;
  if (!(await passwordChangedSince(requester, session.signedInAt))) return false;
  // Ended for good, so a copy of the cookie is refused without asking the help desk again.
  await endSession(identity, sessionTtlSeconds);
  return true;
}

function identityOf(session: SessionData, requester: Requester): SessionIdentity {
  return { sid: session.sid, userId: requester.id, signedInAt: session.signedInAt };
}

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
    await endSession(identityOf(session, session.requester), getConfig().sessionTtlSeconds);
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
  // Only who the customer is: the password-change time is compared when re-checking, never kept.
  // The organization (learnt with the sign-in call) decides the shared lists without a call per page.
  session.requester = { id: requester.id, name: requester.name, email: requester.email, ...(requester.organization ? { organization: requester.organization } : {}) };
  session.signedInAt = Date.now();
  session.sid = randomUUID();
  if (password !== undefined) session.password = password;
  // The sign-in itself just asked the help desk: the first re-check is one interval away, so the
  // first pages cost no extra call.
  if (canRecheck(getHelpdesk(), password !== undefined)) await markRechecked(identityOf(session, session.requester), getConfig().sessionRecheckSeconds);
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

/**
 * For pages: the caller, or a redirect to the sign-in page that comes back to `returnTo`. A
 * session that was ended (log-out elsewhere, a password change) goes by /login/ended, which clears
 * the cookie and says "Your session has ended".
 */
export async function requireCaller(returnTo: string) {
  const found = await getCaller();
  if (!found) {
    if (await sessionWasEnded()) redirect(`/login/ended?${new URLSearchParams({ next: returnTo })}`);
    redirect(signInHref(returnTo));
  }
  return found;
}
