import { getLocale, getTranslations } from 'next-intl/server';
import { textDirection } from '@/lib/i18n/locales';

/**
 * The page a refused single sign-on shows inside the company's frame. It tells the customer
 * what to tell the site's administrator, with a short code, and nothing that would help someone
 * forging tokens (no claim names, no library messages, the same words for every kind of bad
 * signature or malformed token).
 */
export type SsoErrorCode =
  | 'missing'
  | 'invalid'
  | 'expired'
  | 'not_yet_valid'
  | 'used'
  | 'disabled'
  | 'unknown_user'
  | 'helpdesk_refused'
  | 'helpdesk_unavailable'
  | 'unavailable';

/** The HTTP status of each refusal; its words are the catalog's `sso` messages. */
const statuses: Record<SsoErrorCode, number> = {
  missing: 400,
  invalid: 401,
  expired: 401,
  not_yet_valid: 401,
  used: 401,
  disabled: 404,
  unknown_user: 403,
  helpdesk_refused: 502,
  helpdesk_unavailable: 503,
  unavailable: 503,
};

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** In the request's language (lib/i18n/request.ts), like every page of the portal. */
export async function ssoErrorResponse(code: SsoErrorCode, nonce: string | null): Promise<Response> {
  const t = await getTranslations('sso');
  // Passing trouble is the customer's to retry; anything else is for the site's administrator.
  const said =
    code === 'helpdesk_unavailable' ? t('helpdeskUnavailable') : code === 'unavailable' ? t('unavailable') : t('tellAdmin', { reason: code });
  const shownCode = `sso-${code.replace(/_/g, '-')}`;
  return ssoPage({
    title: t('errorTitle'),
    body: `<h1>${escapeHtml(t('errorHeading'))}</h1>\n<p>${escapeHtml(said)}</p>\n<p class="code">${escapeHtml(t('code', { code: shownCode }))}</p>`,
    nonce,
    status: statuses[code],
  });
}

/**
 * A small page of /sso's own (the error page, the switch confirmation): plain HTML with one
 * nonce'd style block, readable in the company's frame and without JavaScript. `body` is HTML
 * that the caller has escaped.
 */
export async function ssoPage({ title, body, nonce, status, head = '' }: { title: string; body: string; nonce: string | null; status: number; head?: string }): Promise<Response> {
  const locale = await getLocale();
  const t = await getTranslations('meta');
  const html = `<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">${head}
<title>${escapeHtml(t('titleTemplate', { title }))}</title>
<style${nonce ? ` nonce="${escapeHtml(nonce)}"` : ''}>
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; line-height: 1.55; }
  main { max-width: 34rem; margin: 2rem auto; padding: 0 1rem; text-align: center; }
  .code { color: GrayText; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.875rem; }
  button { font: inherit; padding: 0.5rem 1rem; border-radius: 0.375rem; border: 1px solid ButtonBorder; cursor: pointer; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
