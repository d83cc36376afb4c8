import { EMBED_COOKIE_NAME, EMBED_PARAM, parseEmbedSettings, serializeEmbedSettings, type EmbedSettings } from './embed-settings';

/**
 * Is this request for a page inside a company's frame, and with which settings? Decided once, in
 * proxy.ts, from three clues, strongest first:
 * 1. `?embed=1` (with the host's settings) on the URL embed.js gives the frame: remembered;
 * 2. the remembered settings, in a partitioned cookie that exists only inside that host's frame;
 * 3. `Sec-Fetch-Dest: iframe`, which browsers send on navigations inside any frame: covers a frame
 *    whose browser refuses even partitioned cookies, and a page framed without embed.js.
 */
export interface EmbedContext {
  /** The value of the x-portico-embed request header for the layout. */
  header: string;
  /** Settings to remember in the embed cookie, when they just arrived on the URL. */
  remember: string | null;
}

interface RequestClues {
  nextUrl: { searchParams: URLSearchParams };
  cookies: { get(name: string): { value: string } | undefined };
  headers: { get(name: string): string | null };
}

export function embedContext(request: RequestClues, allowedOrigins: readonly string[]): EmbedContext | null {
  if (request.nextUrl.searchParams.get(EMBED_PARAM) === '1') {
    const serialized = serializeEmbedSettings(parseEmbedSettings(request.nextUrl.searchParams, allowedOrigins));
    return { header: serialized, remember: serialized };
  }
  const remembered = request.cookies.get(EMBED_COOKIE_NAME)?.value;
  if (remembered) {
    return { header: serializeEmbedSettings(parseEmbedSettings(new URLSearchParams(remembered), allowedOrigins)), remember: null };
  }
  if (request.headers.get('sec-fetch-dest') === 'iframe') return { header: serializeEmbedSettings({}), remember: null };
  return null;
}

/** For the layout: the settings proxy.ts passed on, or null when the page is not embedded. */
export function embedSettingsFromHeader(value: string | null, allowedOrigins: readonly string[]): EmbedSettings | null {
  if (!value) return null;
  const params = new URLSearchParams(value);
  if (params.get(EMBED_PARAM) !== '1') return null;
  return parseEmbedSettings(params, allowedOrigins);
}
