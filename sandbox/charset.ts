// Turning request bodies into text by their declared charset. Fastify's own
// string parsing decodes everything as UTF-8, so a Latin-1 "café" was stored as
// "caf\uFFFD": the customer's text silently damaged. Here a body is decoded by
// the charset it names, strictly, and a charset we cannot decode is refused.
import { ApiError, badRequest } from './errors';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

// ISO-8859-1 and its common labels. Decoded as true ISO-8859-1 (every byte is
// the code point of the same number), not as the WHATWG windows-1252 mapping.
const LATIN1 = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'cp819', 'ibm819']);
const UTF8_LABELS = new Set(['utf-8', 'utf8']);
const ASCII = new Set(['us-ascii', 'ascii']);

export type BodyKind = 'xml' | 'json';

function charsetParam(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** The encoding named in an XML declaration, read from the ASCII-compatible start of the body. */
function declaredXmlEncoding(buf: Buffer): string | undefined {
  const head = buf.subarray(0, 200).toString('latin1');
  const m = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m?.[1]?.toLowerCase();
}

function unsupported(charset: string, kind: BodyKind): ApiError {
  const accepted = kind === 'xml' ? 'UTF-8 or ISO-8859-1' : 'UTF-8';
  return new ApiError(415, `Unsupported charset "${charset}": send the body as ${accepted}`);
}

/**
 * Decodes a body: the charset parameter of Content-Type first, then (XML only, per RFC 7303)
 * the XML declaration's encoding, else UTF-8. JSON is UTF-8 only (RFC 8259). Bytes that are
 * not valid in the named charset are a 400, never a replacement character.
 */
export function decodeBody(buf: Buffer, contentType: string | undefined, kind: BodyKind): string {
  const charset = charsetParam(contentType) ?? (kind === 'xml' ? declaredXmlEncoding(buf) : undefined) ?? 'utf-8';
  if (UTF8_LABELS.has(charset)) {
    try {
      return UTF8.decode(buf);
    } catch {
      throw badRequest('Request body is not valid UTF-8: send UTF-8 or name the charset in Content-Type');
    }
  }
  if (kind === 'xml' && LATIN1.has(charset)) return buf.toString('latin1');
  if (kind === 'xml' && ASCII.has(charset)) {
    if (buf.some((b) => b > 0x7f)) throw badRequest('Request body is not valid US-ASCII: it has bytes above 127');
    return buf.toString('latin1');
  }
  throw unsupported(charset, kind);
}
