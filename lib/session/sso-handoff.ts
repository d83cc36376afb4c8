import { safeNextPath } from './safe-next-path';
import type { SsoClaims } from './sso-token';

/**
 * What a valid single sign-on token does to the browser that opens it, given who is signed in
 * there already:
 * - nobody: it signs its customer in (`sign_in`);
 * - its own customer: nothing changes, the customer just goes on (`continue`);
 * - another customer: nothing happens until that customer confirms the switch (`confirm`).
 *   Without this, anyone could read their own token from the company's page (data-sso-token) and
 *   send someone else's browser to /sso?jwt=… to sign it in as themselves (login CSRF): the victim
 *   would then write their requests into the attacker's account.
 */
export type SsoStep = 'sign_in' | 'continue' | 'confirm';

export function ssoStep(signedInEmail: string | null | undefined, claims: Pick<SsoClaims, 'email'>): SsoStep {
  if (!signedInEmail) return 'sign_in';
  return signedInEmail.toLowerCase() === claims.email.toLowerCase() ? 'continue' : 'confirm';
}

/**
 * Where the customer goes afterwards. The signed `return_to` claim wins whenever it is there, even
 * when it is refused (then the list of requests, never the link's parameter): only the company's
 * server can set it. The `return_to` query parameter (embed.js adds it from `data-path`) is used
 * only when the token has no claim; it is no more than a link to one of the portal's own pages
 * (safeNextPath), which anyone could send anyway.
 */
export function ssoReturnTo(claims: Pick<SsoClaims, 'returnTo'>, queryReturnTo: string | null | undefined): string {
  return safeNextPath(claims.returnTo !== undefined ? claims.returnTo : (queryReturnTo ?? undefined));
}
