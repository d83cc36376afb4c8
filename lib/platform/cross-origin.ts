import { NextResponse } from 'next/server';

/**
 * Is this a write (a form post, a server action) sent from another site's page? Browsers put the
 * sending page's origin in `Origin` on every POST, so a request whose `Origin` is present and is
 * not this portal's own was made by someone else's page: a cross-site request forgery attempt, or
 * a misconfigured proxy. proxy.ts refuses it with a 403 before Next's action handler sees it
 * (which would refuse it too, but as a 500 with an error in the log).
 *
 * "This portal's own" is decided exactly as Next's action handler decides it
 * (next/dist/server/app-render/action-handler.js): the origin's host (name and port) must equal
 * the first `x-forwarded-host` value, or without one the `Host` header. Not stricter, so a deployment
 * behind a proxy that sets x-forwarded-host (with or without TRUST_PROXY) keeps working; not
 * laxer, so nothing Next would refuse gets through to it. A page cannot set x-forwarded-host or
 * Host on a request it makes a browser send, so neither is an attacker's to choose here.
 *
 * A request without `Origin` passes, as in Next: browsers always send it on a POST, so its absence
 * means a hand-made request (curl), which carries only cookies its sender already holds.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isCrossOriginWrite(method: string, headers: { get(name: string): string | null }): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get('origin');
  if (origin === null) return false;
  const originHost = hostOf(origin);
  if (originHost === null) return true;
  // The first x-forwarded-host value if there is one, else Host: the one host Next compares with.
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  return originHost !== host;
}

/** `Origin: null` (a sandboxed frame, a privacy redirect) or anything unparsable has no host: never ours. */
function hostOf(origin: string): string | null {
  if (origin === 'null') return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The words of the refusal page, in the customer's language (lib/i18n/proxy-words.ts). */
export interface RefusalWords {
  locale: string;
  dir: 'ltr' | 'rtl';
  title: string;
  body: string;
  link: string;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The short page a refused cross-site write gets: plain, no script, nothing about the portal's insides. */
export function crossOriginRefusal(words: RefusalWords): NextResponse {
  const html =
    `<!doctype html><html lang="${escapeHtml(words.locale)}" dir="${words.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(words.title)}</title></head><body><main><h1>${escapeHtml(words.title)}</h1>` +
    `<p>${escapeHtml(words.body)}</p><p><a href="/requests">${escapeHtml(words.link)}</a></p></main></body></html>`;
  return new NextResponse(html, { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
