/**
 * Where a help desk may send the portal for a file's bytes (HELPDESK_FILE_ORIGINS). Zendesk answers
 * an attachment's `content_url` with a 302 to a temporary address on a file host ("the file may be
 * hosted externally"); the portal follows it only to an origin listed here, and never with
 * credentials (lib/helpdesk/file-redirects.ts). Each entry is an origin (`https://files.example.com`,
 * `http://localhost:4080`), or `https://*.example.com` for any subdomain of one.
 */
export interface FileOrigin {
  protocol: 'http:' | 'https:';
  /** Lower case; for a wildcard, the domain after `*.`. */
  host: string;
  /** '' for the scheme's default port. */
  port: string;
  anySubdomain: boolean;
}

export type FileOriginList = { ok: true; origins: FileOrigin[] } | { ok: false; problems: string[] };

export function parseFileOrigins(value: string | undefined): FileOriginList {
  const origins: FileOrigin[] = [];
  const problems: string[] = [];
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const wildcard = /^(https?):\/\/\*\.(.+)$/i.exec(entry);
    let url: URL;
    try {
      url = new URL(wildcard ? `${wildcard[1]}://${wildcard[2]}` : entry);
    } catch {
      problems.push(`"${entry}" is not an origin (e.g. https://files.example.com or https://*.example.com)`);
      continue;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.pathname !== '/' || url.search || url.hash || /\/./.test(entry.replace(/^\w+:\/\//, ''))) {
      problems.push(`"${entry}" must be a bare http(s) origin, without a path, query or credentials`);
      continue;
    }
    if (wildcard && !url.hostname.includes('.')) {
      problems.push(`"${entry}": a wildcard needs a domain with a dot after "*." (e.g. https://*.example.com)`);
      continue;
    }
    origins.push({ protocol: url.protocol, host: url.hostname, port: url.port, anySubdomain: wildcard !== null });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, origins };
}

/** Whether `url` is on one of the origins: same scheme and port, and the host itself or (wildcard) a subdomain of it. */
export function isFileOrigin(url: URL, origins: readonly FileOrigin[]): boolean {
  return origins.some(
    (o) =>
      url.protocol === o.protocol &&
      url.port === o.port &&
      url.username === '' &&
      url.password === '' &&
      (o.anySubdomain ? url.hostname.endsWith(`.${o.host}`) : url.hostname === o.host),
  );
}
