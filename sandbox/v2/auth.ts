// Who is calling a v2 route. The three ways the help desk's v2 API accepts:
//   Authorization: Basic base64(email:password)          the user's own password
//   Authorization: Basic base64(email/token:API_TOKEN)   an admin-made API token, acting as that user
//   Authorization: Bearer OAUTH_TOKEN                    the token's user, limited to its scopes
// plus X-On-Behalf-Of: email, only with an OAuth token that has the
// "impersonate" scope, held by an admin, naming a verified end user.
import type { IncomingHttpHeaders } from 'node:http';
import { parseBasic, REALM_HEADER } from '../auth';
import { ApiError } from '../errors';
import type { SandboxContext } from '../context';
import { ROLE, type UserRow } from '../store/users';
import type { OAuthScope } from '../store/tokens';
import { V2Error } from './errors';

export interface V2Caller {
  /** Whose credentials came with the call. */
  actor: UserRow;
  /** Who the call acts as: the impersonated end user, or the actor. */
  user: UserRow;
  /** OAuth scopes; null for password and API-token calls, which are not scoped. */
  scopes: ReadonlySet<OAuthScope> | null;
}

const unauthenticated = () => new ApiError(401, "Couldn't authenticate you", REALM_HEADER);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function bearer(headers: IncomingHttpHeaders): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header(headers, 'authorization') ?? '')?.[1];
}

/** `email/token:SECRET` in a Basic header, as the API token form of Basic auth. */
function basicToken(headers: IncomingHttpHeaders): { email: string; token: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header(headers, 'authorization') ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const login = colon > 0 ? decoded.slice(0, colon) : '';
  if (!login.endsWith('/token')) return undefined;
  return { email: login.slice(0, -'/token'.length), token: decoded.slice(colon + 1) };
}

/** Whether the call carries v2-only credentials (an OAuth bearer token, or `email/token:…`), rather than an email and password. */
export function hasV2Credentials(headers: IncomingHttpHeaders): boolean {
  return bearer(headers) !== undefined || basicToken(headers) !== undefined;
}

/** The email a call is made as, without checking any secret: for fault matching and call counts. */
export function v2EffectiveEmail(ctx: SandboxContext, headers: IncomingHttpHeaders): string | undefined {
  const obo = header(headers, 'x-on-behalf-of')?.trim();
  if (obo) return obo.toLowerCase();
  const token = bearer(headers);
  if (token) {
    const row = ctx.tokens.oauthBySecret(token);
    return row ? ctx.users.byId(row.user_id)?.email.toLowerCase() : undefined;
  }
  return (basicToken(headers)?.email ?? parseBasic(headers)?.email)?.toLowerCase();
}

async function actorOf(ctx: SandboxContext, headers: IncomingHttpHeaders): Promise<{ actor: UserRow; scopes: Set<OAuthScope> | null }> {
  const token = bearer(headers);
  if (token !== undefined) {
    const row = ctx.tokens.oauthBySecret(token);
    const actor = row ? ctx.users.byId(row.user_id) : undefined;
    if (!row || !actor) throw unauthenticated();
    ctx.tokens.markUsed(row.id, ctx.now());
    return { actor, scopes: new Set(row.scopes.split(' ').filter(Boolean) as OAuthScope[]) };
  }
  const apiToken = basicToken(headers);
  if (apiToken) {
    const actor = ctx.users.byEmail(apiToken.email);
    if (!actor || !ctx.tokens.apiTokenExists(apiToken.token)) throw unauthenticated();
    return { actor, scopes: null };
  }
  try {
    return { actor: await ctx.auth.actor(headers), scopes: null };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw unauthenticated();
    throw err;
  }
}

/**
 * Authenticates a v2 call. `access` is what the route needs: "read" for GET,
 * "write" for POST and PUT; an OAuth token without that scope is refused (403).
 */
export async function v2Caller(ctx: SandboxContext, headers: IncomingHttpHeaders, access: 'read' | 'write'): Promise<V2Caller> {
  const { actor, scopes } = await actorOf(ctx, headers);
  if (scopes && !scopes.has(access)) {
    throw new V2Error(403, 'Forbidden', `You are missing the following required scopes: ${access}`);
  }
  const obo = header(headers, 'x-on-behalf-of')?.trim();
  if (!obo) return { actor, user: actor, scopes };
  if (!scopes?.has('impersonate')) {
    throw new V2Error(403, 'Forbidden', 'X-On-Behalf-Of needs an OAuth access token with the impersonate scope');
  }
  if (actor.roles !== ROLE.admin) throw new V2Error(403, 'Forbidden', 'Only admins can make requests on behalf of end users');
  const user = ctx.users.byEmail(obo);
  if (!user || user.roles !== ROLE.endUser || user.verified !== 1) {
    throw new V2Error(403, 'Forbidden', 'X-On-Behalf-Of must name an existing, verified end user');
  }
  return { actor, user, scopes };
}

/** For the agent side (tickets, users, tokens): the acting user must be staff. */
export async function v2Staff(ctx: SandboxContext, headers: IncomingHttpHeaders, access: 'read' | 'write'): Promise<V2Caller> {
  const caller = await v2Caller(ctx, headers, access);
  if (caller.user.roles === ROLE.endUser) throw new V2Error(403, 'Forbidden', 'You do not have access to this page');
  return caller;
}

export async function v2Admin(ctx: SandboxContext, headers: IncomingHttpHeaders): Promise<V2Caller> {
  const caller = await v2Caller(ctx, headers, 'write');
  if (caller.user.roles !== ROLE.admin) throw new V2Error(403, 'Forbidden', 'Only admins can do this');
  return caller;
}
