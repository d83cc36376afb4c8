import { hoverShade, onColour, readableShade } from './contrast';
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

/**
 * Every background the portal puts text on, in each theme (globals.css's --portico-bg, -surface,
 * -info-bg, -danger-bg and -success-bg; a unit test keeps the two in step). Brand-coloured text
 * must read on all of them.
 */
export const THEME_BACKGROUNDS = {
  light: ['#f6f7f9', '#ffffff', '#eef2ff', '#fef3f2', '#ecfdf3'],
  dark: ['#0f1115', '#181b21', '#1a2140', '#3a1714', '#12301e'],
} as const;

/**
 * The CSS custom properties a host's settings override (globals.css defines them all). The brand
 * fills buttons as it is, with black or white text on it, whichever reads; as text (links, the
 * "open" badge) it becomes a shade of itself that reaches 4.5:1 on the theme's backgrounds, one
 * for light and one for dark, switched by `light-dark()` like the rest of the palette.
 */
export function embedCustomProperties(settings: EmbedSettings): Record<string, string> {
  const properties: Record<string, string> = {};
  if (settings.brand) {
    properties['--portico-brand'] = settings.brand;
    properties['--portico-brand-hover'] = hoverShade(settings.brand);
    properties['--portico-on-brand'] = onColour(settings.brand);
    const light = readableShade(settings.brand, THEME_BACKGROUNDS.light);
    const dark = readableShade(settings.brand, THEME_BACKGROUNDS.dark);
    properties['--portico-brand-text'] = `light-dark(${light}, ${dark})`;
  }
  if (settings.font) properties['--portico-font'] = `"${settings.font}", system-ui, sans-serif`;
  return properties;
}
