// HTTP Basic authentication (email + password) and X-On-Behalf-Of.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, forbidden } from './errors';
import { isStaff, ROLE, verifyPassword, type UserRow, type UserStore } from './store/users';

export const REALM_HEADER = { 'www-authenticate': 'Basic realm="Portico sandbox", charset="UTF-8"' };

const unauthorized = (msg: string) => new ApiError(401, msg, REALM_HEADER);

export interface Credentials {
  email: string;
  password: string;
}

/** Who is calling: `actor` proved the credentials, `user` is who the call acts
 * for (the X-On-Behalf-Of end user, or the actor). */
export interface Caller {
  actor: UserRow;
  user: UserRow;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function parseBasic(headers: IncomingHttpHeaders): Credentials | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header(headers, 'authorization') ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { email: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function onBehalfOf(headers: IncomingHttpHeaders): string | undefined {
  const v = header(headers, 'x-on-behalf-of')?.trim();
  return v ? v : undefined;
}

/** The email a call is made for, without checking any password: used to match
 * faults and count calls per user, which must work even for refused calls. */
export function effectiveEmail(headers: IncomingHttpHeaders): string | undefined {
  return (onBehalfOf(headers) ?? parseBasic(headers)?.email)?.toLowerCase();
}

const CACHE_LIMIT = 10_000;

export class Authenticator {
  // sha256(email, password) -> the user and the hash that verified it. scrypt
  // costs ~50 ms on purpose; a portal page (and the test suite) calls many
  // times with the same credentials, so each pair is verified once. Storing
  // the hash lets a changed password invalidate the entry.
  private readonly verified = new Map<string, { id: number; hash: string }>();

  constructor(private readonly users: UserStore) {}

  /** The user whose credentials came with the call; 401 if none or wrong. */
  async actor(headers: IncomingHttpHeaders): Promise<UserRow> {
    const creds = parseBasic(headers);
    if (!creds) throw unauthorized('Authentication required: HTTP Basic with email and password');
    const key = createHash('sha256').update(creds.email.toLowerCase()).update('\0').update(creds.password).digest('hex');
    const hit = this.verified.get(key);
    if (hit) {
      const user = this.users.byId(hit.id);
      if (user && user.password_hash === hit.hash) return user;
      this.verified.delete(key);
    }
    const user = this.users.byEmail(creds.email);
    const ok = await verifyPassword(creds.password, user?.password_hash ?? null);
    if (!user || !ok || user.password_hash === null) throw unauthorized('Invalid email or password');
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(key, { id: user.id, hash: user.password_hash });
    return user;
  }

  /** The actor, switched to the X-On-Behalf-Of end user when one is named. */
  async caller(headers: IncomingHttpHeaders): Promise<Caller> {
    const actor = await this.actor(headers);
    const email = onBehalfOf(headers);
    if (email === undefined) return { actor, user: actor };
    if (!isStaff(actor)) throw forbidden('Only agents and admins may use X-On-Behalf-Of');
    const user = this.users.byEmail(email);
    if (!user || user.roles !== ROLE.endUser) throw forbidden('X-On-Behalf-Of must name an existing end user');
    return { actor, user };
  }

  /** For agent-only routes. Acting on behalf of an end user makes the call that
   * end user's, so it is refused here like the end user's own would be. */
  async staff(headers: IncomingHttpHeaders): Promise<Caller> {
    const caller = await this.caller(headers);
    if (!isStaff(caller.user)) throw forbidden('Only agents and admins may use this endpoint');
    return caller;
  }
}
