import { supportedLocale, type Locale } from '../i18n/locales';
import { isAllowedOrigin } from './origins';

/**
 * How the portal looks and behaves inside a company's page: the theme, brand colour and font the
 * host chose on the embed script, and the host's origin (where the frame posts its height).
 *
 * They arrive as query parameters on the frame's first URL (`?embed=1&theme=dark&brand=%23…`),
 * are remembered in a partitioned cookie (so they live only inside that host's frame, never on a
 * top-level visit), and reach the layout in a request header that proxy.ts sets. Every value is
 * checked strictly here because it ends up in CSS and in a postMessage target.
 */
export interface EmbedSettings {
  theme?: 'light' | 'dark';
  /** A hex colour: #rgb or #rrggbb. */
  brand?: string;
  /** A font family name from a safe character set, e.g. `Inter` or `Source Sans 3`. */
  font?: string;
  /** The embedding page's origin, one of EMBED_ORIGINS. */
  host?: string;
  /** The language the host asked for (`data-locale`): one of the portal's languages, as its code. */
  locale?: Locale;
}

/** The query parameter embed.js puts on the frame's URL. */
export const EMBED_PARAM = 'embed';
/** Remembers the settings inside the host's frame; partitioned by the host's site. */
export const EMBED_COOKIE_NAME = '__Host-portico_embed';
/** proxy.ts → layout: present only when the page is rendered inside a frame. */
export const EMBED_HEADER = 'x-portico-embed';

const BRAND = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const FONT = /^[A-Za-z0-9][A-Za-z0-9 -]{0,47}$/;

/** Reads settings from query parameters, a cookie value or the header; drops anything invalid. */
export function parseEmbedSettings(params: URLSearchParams, allowedOrigins: readonly string[]): EmbedSettings {
  const settings: EmbedSettings = {};
  const theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') settings.theme = theme;
  const brand = params.get('brand');
  if (brand && BRAND.test(brand)) settings.brand = brand.toLowerCase();
  const font = params.get('font')?.trim();
  if (font && FONT.test(font)) settings.font = font.replace(/\s+/g, ' ');
  const host = params.get('host');
  if (isAllowedOrigin(host, allowedOrigins)) settings.host = new URL(host).origin;
  // A supported language only (`de-AT` counts as `de`); anything else is dropped, not guessed at.
  const locale = supportedLocale(params.get('locale'));
  if (locale) settings.locale = locale;
  return settings;
}

export function serializeEmbedSettings(settings: EmbedSettings): string {
  const params = new URLSearchParams({ [EMBED_PARAM]: '1' });
  for (const key of ['theme', 'brand', 'font', 'host', 'locale'] as const) {
    const value = settings[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** The same address without the embed parameters: what a top-level visit or a `next` path should carry. */
export function withoutEmbedParams(url: URL): URL {
  const clean = new URL(url);
  for (const name of [EMBED_PARAM, 'theme', 'brand', 'font', 'host', 'locale']) clean.searchParams.delete(name);
  return clean;
}

/** Text that reads well on the brand colour: black or white, whichever contrasts more (WCAG luminance). */
export function onBrandColour(brand: string): '#000000' | '#ffffff' {
  const hex = brand.length === 4 ? brand.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : brand;
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white is 1.05 / (L + 0.05); with black (L + 0.05) / 0.05. They meet at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** The CSS custom properties a host's settings override (globals.css defines them all). */
export function embedCustomProperties(settings: EmbedSettings): Record<string, string> {
  const properties: Record<string, string> = {};
  if (settings.brand) {
    properties['--portico-brand'] = settings.brand;
    properties['--portico-brand-hover'] = `color-mix(in srgb, ${settings.brand} 80%, #000000)`;
    properties['--portico-on-brand'] = onBrandColour(settings.brand);
  }
  if (settings.font) properties['--portico-font'] = `"${settings.font}", system-ui, sans-serif`;
  return properties;
}
