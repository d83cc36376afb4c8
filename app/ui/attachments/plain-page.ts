/**
 * The short page a route answers when it cannot hand the customer back to a portal page (a form
 * too large to read, a file that is not there): plain HTML, no script, in the customer's language,
 * with one way on. As the cross-site refusal's page (lib/platform/cross-origin.ts).
 */
export interface PlainPageWords {
  locale: string;
  dir: 'ltr' | 'rtl';
  title: string;
  body: string;
  link: { href: string; text: string };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function plainPage(words: PlainPageWords, status: number, headers: Record<string, string>): Response {
  const html =
    `<!doctype html><html lang="${escapeHtml(words.locale)}" dir="${words.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(words.title)}</title></head><body><main><h1>${escapeHtml(words.title)}</h1>` +
    `<p>${escapeHtml(words.body)}</p><p><a href="${escapeHtml(words.link.href)}">${escapeHtml(words.link.text)}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}
