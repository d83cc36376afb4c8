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

const problems: Record<SsoErrorCode, { status: number; tellAdmin: string | null; plain?: string }> = {
  missing: { status: 400, tellAdmin: 'the sign-in link is not valid' },
  invalid: { status: 401, tellAdmin: 'the sign-in link is not valid' },
  expired: { status: 401, tellAdmin: 'the sign-in link has expired' },
  not_yet_valid: { status: 401, tellAdmin: 'the sign-in link is dated in the future (is the site’s clock right?)' },
  used: { status: 401, tellAdmin: 'the sign-in link was already used' },
  disabled: { status: 404, tellAdmin: 'single sign-on is not turned on for this support portal' },
  unknown_user: { status: 403, tellAdmin: 'there is no support account for the email in the sign-in link' },
  helpdesk_refused: { status: 502, tellAdmin: 'the support portal could not sign in to the help desk with its own account' },
  helpdesk_unavailable: {
    status: 503,
    tellAdmin: null,
    plain: 'The help desk is not answering right now. Please go back and open support again in a minute.',
  },
  unavailable: { status: 503, tellAdmin: null, plain: 'Sign-in is not available right now. Please go back and open support again in a minute.' },
};

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function ssoErrorResponse(code: SsoErrorCode, nonce: string | null): Response {
  const problem = problems[code];
  const message = problem.tellAdmin
    ? `<p>Please tell the site’s administrator: ${escapeHtml(problem.tellAdmin)}.</p>`
    : `<p>${escapeHtml(problem.plain ?? '')}</p>`;
  const shownCode = `sso-${code.replace(/_/g, '-')}`;
  return ssoPage({
    title: 'Sign-in didn’t work',
    body: `<h1>Single sign-on didn’t work</h1>\n${message}\n<p class="code">Code: ${shownCode}</p>`,
    nonce,
    status: problem.status,
  });
}

/**
 * A small page of /sso's own (the error page, the switch confirmation): plain HTML with one
 * nonce'd style block, readable in the company's frame and without JavaScript. `body` is HTML
 * that the caller has escaped.
 */
export function ssoPage({ title, body, nonce, status, head = '' }: { title: string; body: string; nonce: string | null; status: number; head?: string }): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">${head}
<title>${escapeHtml(title)} · Support</title>
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
