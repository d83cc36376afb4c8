/**
 * The origins allowed to frame the portal (EMBED_ORIGINS). The same list feeds the CSP
 * `frame-ancestors` directive and the origin check before the portal posts a message to its
 * embedder, so each entry must be an exact origin: scheme, host and optional port, nothing else.
 * Wildcards are refused because `postMessage` needs one exact target origin.
 */

export type OriginListResult = { ok: true; origins: string[] } | { ok: false; problems: string[] };

/** One origin in its canonical form (`https://Support.Example.com:443/` → `https://support.example.com`), or null. */
export function normalizeOrigin(value: string): string | null {
  const text = value.trim();
  if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.username || url.password || url.hostname.includes('*')) return null;
  return url.origin;
}

/** Parses a comma- and/or space-separated list; names every entry that is not an origin. */
export function parseOriginList(value: string | undefined): OriginListResult {
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  const origins: string[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    const origin = normalizeOrigin(entry);
    if (origin === null) problems.push(`"${entry}" is not an origin (scheme://host[:port], http or https, no path)`);
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, origins };
}

/** Whether `origin` (e.g. a message's or a referrer's) is exactly one of the allowed ones. */
export function isAllowedOrigin(origin: string | null | undefined, allowed: readonly string[]): origin is string {
  if (!origin) return false;
  const normalized = normalizeOrigin(origin);
  return normalized !== null && allowed.includes(normalized);
}
