import { EMBED_COOKIE_NAME, EMBED_PARAM, parseEmbedSettings, serializeEmbedSettings, type EmbedSettings } from './settings';

/**
 * Is this request for a page inside a company's frame, and with which settings? Decided once, in
 * proxy.ts, by where the browser says the answer goes (`Sec-Fetch-Dest`):
 * - `iframe` (a page loaded or submitted inside a frame): embedded, with the settings of
 *   `?embed=1…` on the URL embed.js gives the frame (remembered in the partitioned embed cookie,
 *   which then exists only inside that host's frame), else the remembered ones, else the defaults
 *   (a frame whose browser refuses even partitioned cookies, or a page framed without embed.js);
 * - `empty` (the page's own fetches: client navigations, server actions): embedded only when the
 *   remembered settings came along, which they do only inside a frame;
 * - anything else, or no header (a top-level visit, or an old browser that does not say):
 *   never embedded, whatever the URL says, and a stale embed cookie is forgotten. So a link with
 *   `?embed=1` cannot strip the portal's header from a top-level page.
 */
export interface EmbedContext {
  /** The value of the x-portico-embed request header for the layout; null when not embedded. */
  header: string | null;
  /** Settings to remember in the embed cookie, when they just arrived on the URL inside a frame. */
  remember: string | null;
  /** A top-level request carried an embed cookie (set before this rule, or planted): delete it. */
  forget: boolean;
}

interface RequestClues {
  nextUrl: { searchParams: URLSearchParams };
  cookies: { get(name: string): { value: string } | undefined };
  headers: { get(name: string): string | null };
}

export function embedContext(request: RequestClues, allowedOrigins: readonly string[]): EmbedContext {
  const destination = request.headers.get('sec-fetch-dest');
  const remembered = request.cookies.get(EMBED_COOKIE_NAME)?.value;
  const fromCookie = () => serializeEmbedSettings(parseEmbedSettings(new URLSearchParams(remembered), allowedOrigins));

  if (destination === 'iframe') {
    if (request.nextUrl.searchParams.get(EMBED_PARAM) === '1') {
      const serialized = serializeEmbedSettings(parseEmbedSettings(request.nextUrl.searchParams, allowedOrigins));
      return { header: serialized, remember: serialized, forget: false };
    }
    return { header: remembered ? fromCookie() : serializeEmbedSettings({}), remember: null, forget: false };
  }
  if (destination === 'empty') return { header: remembered ? fromCookie() : null, remember: null, forget: false };
  return { header: null, remember: null, forget: remembered !== undefined };
}

/** For the layout: the settings proxy.ts passed on, or null when the page is not embedded. */
export function embedSettingsFromHeader(value: string | null, allowedOrigins: readonly string[]): EmbedSettings | null {
  if (!value) return null;
  const params = new URLSearchParams(value);
  if (params.get(EMBED_PARAM) !== '1') return null;
  return parseEmbedSettings(params, allowedOrigins);
}
