// Reading values out of parsed XML bodies. Every refusal is a 422 that names
// the element, so a client sees exactly what the sandbox did not accept.
import { ApiError, badRequest, unprocessable } from './errors';
import { parseXml, XmlSyntaxError, type XmlElement } from './xml';

export const MAX_SUBJECT = 150;
export const MAX_TEXT = 65535;

/** Fastify hands us the raw body string (see app.ts); anything else means no
 * XML body was sent. Malformed XML is a 400. */
export function parseBody(body: unknown): XmlElement {
  // An object means Fastify parsed JSON: the right body in the wrong format.
  if (typeof body === 'object' && body !== null) throw new ApiError(415, 'Unsupported Content-Type: send application/xml or text/xml');
  if (typeof body !== 'string') throw badRequest('Request body is required: send an XML document with Content-Type: application/xml');
  try {
    return parseXml(body);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw badRequest(err.message);
    throw err;
  }
}

export function expectRoot(root: XmlElement, ...names: string[]): void {
  if (!names.includes(root.name)) {
    throw unprocessable(`Expected a <${names.join('> or <')}> document, got <${root.name}>`);
  }
}

/** The children of `parent` by name; unknown or repeated elements are refused. */
export function childrenByName(parent: XmlElement, allowed: ReadonlySet<string>): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  for (const child of parent.children) {
    if (!allowed.has(child.name)) throw unprocessable(`Unknown element <${child.name}> in <${parent.name}>`);
    if (out.has(child.name)) throw unprocessable(`Element <${child.name}> is given more than once`);
    out.set(child.name, child);
  }
  return out;
}

function leaf(e: XmlElement): string {
  if (e.children.length > 0) throw unprocessable(`<${e.name}> must be a text value, not contain elements`);
  return e.text;
}

/** Text kept exactly as sent; only the "required" check looks at it trimmed. */
export function readText(e: XmlElement, opts: { required?: boolean; max?: number } = {}): string {
  if (e.nil && opts.required) throw unprocessable(`<${e.name}> cannot be empty`);
  const value = e.nil ? '' : leaf(e);
  if (opts.required && value.trim() === '') throw unprocessable(`<${e.name}> cannot be empty`);
  const max = opts.max ?? MAX_TEXT;
  if (value.length > max) throw unprocessable(`<${e.name}> is too long (at most ${max} characters)`);
  return value;
}

export function readNullableText(e: XmlElement, max = 255): string | null {
  if (e.nil) return null;
  const value = readText(e, { max });
  return value === '' ? null : value;
}

export function readInt(e: XmlElement, min: number, max: number): number {
  const raw = e.nil ? '' : leaf(e).trim();
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw unprocessable(`<${e.name}> must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

/** An id, or null when the element is empty or nil (e.g. to unassign). */
export function readNullableId(e: XmlElement): number | null {
  if (e.nil || leaf(e).trim() === '') return null;
  return readInt(e, 1, Number.MAX_SAFE_INTEGER);
}

export function readBool(e: XmlElement): boolean {
  const raw = e.nil ? '' : leaf(e).trim();
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw unprocessable(`<${e.name}> must be true or false, got "${raw}"`);
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function readEmail(e: XmlElement): string {
  const value = readText(e, { required: true, max: 254 }).trim();
  if (!EMAIL.test(value)) throw unprocessable(`<${e.name}> must be an email address`);
  return value;
}

/** Tags are space-separated words, kept lower-case and unique like the help desk's. */
export function readTags(e: XmlElement): string[] {
  const words = (e.nil ? '' : leaf(e)).toLowerCase().split(/[\s,]+/).filter(Boolean);
  for (const w of words) if (w.length > 80) throw unprocessable(`<${e.name}>: tag "${w.slice(0, 20)}…" is too long`);
  return [...new Set(words)];
}
