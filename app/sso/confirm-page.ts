import { getTranslations } from 'next-intl/server';
import type { Requester } from '@/lib/helpdesk/types';
import type { SsoClaims } from '@/lib/session/sso-token';
import { escapeHtml, ssoPage } from './error-page';

/**
 * Shown when a single sign-on link would sign in a different customer from the one signed in on
 * this browser (lib/session/sso-handoff.ts). It says who is signed in and who the link signs in, and the
 * switch happens only on the button: a plain form that posts the same token back to /sso, where it
 * is checked again and used up. Showing this page does not use the token, so confirming works; the
 * post uses it, so the page cannot be a way to use a token twice.
 */
export async function ssoConfirmResponse(
  { signedIn, claims, jwt, queryReturnTo, stayHref }: { signedIn: Requester; claims: SsoClaims; jwt: string; queryReturnTo: string | null; stayHref: string },
  nonce: string | null,
): Promise<Response> {
  const t = await getTranslations('sso');
  // The catalog's <b> becomes <strong>; every value is escaped before it goes in (t.markup does not escape).
  const b = (chunks: string) => `<strong>${chunks}</strong>`;
  const who = (name: string | undefined, email: string) => ({ named: name ? 'yes' : 'no', name: escapeHtml(name ?? ''), email: escapeHtml(email), b });
  const newName = claims.name ?? claims.email;
  const body = `<h1>${escapeHtml(t('confirmHeading'))}</h1>
<p>${t.markup('signedInAs', who(signedIn.name, signedIn.email))}</p>
<p>${t.markup('linkSignsInAs', who(claims.name, claims.email))}</p>
<form method="post" action="/sso">
<input type="hidden" name="jwt" value="${escapeHtml(jwt)}">
${queryReturnTo !== null ? `<input type="hidden" name="return_to" value="${escapeHtml(queryReturnTo)}">\n` : ''}<button type="submit">${escapeHtml(t('continueAs', { name: newName }))}</button>
</form>
<p><a href="${escapeHtml(stayHref)}">${escapeHtml(t('stayAs', { name: signedIn.name || signedIn.email }))}</a></p>`;
  // /sso is served with `Referrer-Policy: no-referrer` (its URL holds the token), and under that
  // policy a browser sends `Origin: null` on a form post, which proxy.ts refuses as cross-site.
  // `strict-origin` still keeps the token out of every Referer (only the origin is sent) and lets
  // the button's post say it comes from the portal.
  return ssoPage({ title: t('confirmTitle'), body, nonce, status: 200, head: '\n<meta name="referrer" content="strict-origin">' });
}
