import 'server-only';
import { headers } from 'next/headers';
import { getConfig } from '@/lib/platform/config';
import { embedSettingsFromHeader } from '@/lib/embed/context';
import { EMBED_HEADER, type EmbedSettings } from '@/lib/embed/settings';

/** What the layout needs to render the portal inside a company's frame. */
export interface EmbedView {
  settings: EmbedSettings;
  /** EMBED_ORIGINS: the only origins the frame will post its height to. */
  allowedOrigins: string[];
  /** This request's CSP nonce, for the one inline style (the host's brand colour and font). */
  nonce: string | null;
}

/** The embed view when proxy.ts marked this request as framed, else null. */
export async function getEmbedView(): Promise<EmbedView | null> {
  // headers() first: it marks the page as rendered per request before any config is read (a
  // build has no runtime configuration).
  const requestHeaders = await headers();
  const config = getConfig();
  if (!config.embedding) return null;
  const settings = embedSettingsFromHeader(requestHeaders.get(EMBED_HEADER), config.embedOrigins);
  if (!settings) return null;
  return { settings, allowedOrigins: config.embedOrigins, nonce: requestHeaders.get('x-nonce') };
}

/** Attributes for <html>: a hook for embed-only CSS, and the host's theme if it chose one. */
export function embedHtmlAttributes(view: EmbedView | null): Record<string, string> {
  if (!view) return {};
  return { 'data-embed': '1', ...(view.settings.theme ? { 'data-theme': view.settings.theme } : {}) };
}
