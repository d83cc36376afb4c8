// The sandbox's stand-in for Zendesk's file host. Zendesk answers an API call to an attachment's
// `content_url` with a 302 to a temporary download address on another origin (its own words:
// "Zendesk responds with a 302 and a Location header containing a temporary download URL"; the
// file "may be hosted externally"), which takes no credentials. The sandbox does the same for v2
// callers, so the portal's path through that redirect (lib/helpdesk/file-redirects.ts) is tested
// end to end: the address is signed, lives a minute, and is on another origin than the API.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Where the temporary addresses live on the sandbox's server (GET, no credentials). */
export const FILE_HOST_PREFIX = '/_files/';
export const isFileHostUrl = (url: string) => url.startsWith(FILE_HOST_PREFIX);

const LIFETIME_MS = 60_000;

/**
 * The file host's origin: SANDBOX_FILE_ORIGIN, or the API's own address with `127.0.0.1` and
 * `localhost` swapped, which a browser and a fetch treat as another origin of the same server.
 */
export function fileHostOrigin(apiBase: string, configured = process.env.SANDBOX_FILE_ORIGIN): string {
  if (configured) return configured.replace(/\/+$/, '');
  const url = new URL(apiBase);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.origin;
}

export class FileHost {
  /** Per process: an address does not outlive the sandbox that signed it. */
  readonly #key = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  /** A temporary address for one attachment. */
  address(apiBase: string, attachmentId: number): string {
    const expires = this.now() + LIFETIME_MS;
    return `${fileHostOrigin(apiBase)}${FILE_HOST_PREFIX}${attachmentId}/${expires}/${this.#sign(attachmentId, expires)}`;
  }

  /** The attachment id an address from `address` names, or null when it is forged, altered or expired. */
  check(id: string, expires: string, signature: string): number | null {
    if (!/^\d{1,15}$/.test(id) || !/^\d{1,15}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return null;
    const expected = Buffer.from(this.#sign(Number(id), Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return Number(expires) > this.now() ? Number(id) : null;
  }

  #sign(attachmentId: number, expires: number): string {
    return createHmac('sha256', this.#key).update(`${attachmentId}.${expires}`).digest('base64url');
  }
}
