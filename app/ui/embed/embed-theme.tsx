import { embedCustomProperties } from '@/lib/embed/settings';
import type { EmbedView } from './embed-view';

/**
 * The host's brand colour and font, as the custom properties globals.css already uses. One
 * inline <style>, allowed by the request's CSP nonce. `html:root[data-embed]` outranks the dark
 * theme's `:root[data-theme='dark']`, so the host's colour wins in both themes.
 */
export function EmbedTheme({ view }: { view: EmbedView }) {
  const properties = Object.entries(embedCustomProperties(view.settings));
  if (properties.length === 0) return null;
  // Every value passed lib/embed/settings.ts's strict patterns (hex colour, [A-Za-z0-9 -] font).
  const css = `html:root[data-embed]{${properties.map(([name, value]) => `${name}:${value}`).join(';')}}`;
  return <style nonce={view.nonce ?? undefined} dangerouslySetInnerHTML={{ __html: css }} />;
}
