import type { Attachment } from '../helpdesk/types';
import { isPlainImage } from './rules';

/**
 * The headers a file from the help desk goes to the browser with. The file is the customer's or an
 * agent's, not the portal's, and it is served from the portal's origin, where the session cookie
 * lives: so nothing in it may ever run there.
 *
 * - Only a plain image (PNG, JPEG, GIF, WebP) is shown inline (the thumbnail, and opening it in a
 *   tab). Everything else, HTML, SVG and PDF above all, is `attachment`: downloaded, never rendered.
 * - `nosniff`, and a non-image goes out as `application/octet-stream` whatever the help desk
 *   recorded, so no browser guesses HTML from the bytes.
 * - `Content-Security-Policy: default-src 'none'; sandbox`: even if a browser did render it, no
 *   script, form, plugin or request could come of it.
 * - `Cross-Origin-Resource-Policy: same-origin`: another site's page cannot pull the file in with
 *   the customer's cookie (it travels cross-site when the portal is embedded).
 * - `Cache-Control: private, no-cache`: kept only by this browser, and asked for again each time,
 *   so a file is not shown from the cache after the session has ended.
 */
export function downloadHeaders(attachment: Pick<Attachment, 'fileName' | 'contentType'>): Headers {
  const inline = isPlainImage(attachment.contentType);
  return new Headers({
    'Content-Type': inline ? attachment.contentType : 'application/octet-stream',
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', attachment.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'private, no-cache',
  });
}

/**
 * RFC 6266: `filename` for old clients, ASCII only (anything else becomes `_`, quotes and
 * backslashes too), and `filename*` (RFC 8187, UTF-8, percent-encoded) with the real name, which
 * every current browser prefers.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
