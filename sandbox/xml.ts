// XML in and out for the sandbox.
//
// Parsing uses fast-xml-parser, but entity decoding is done here rather than by
// the library: with `processEntities: true` the library decodes only the five
// named entities and silently leaves numeric references (`&#233;`) and unknown
// ones (`&nbsp;`) as literal text. We want XML 1.0 behaviour instead: the five
// named entities and numeric character references are decoded, anything else
// is rejected. CDATA sections are kept apart so their content is never decoded.
//
// Serialising is a tiny hand-written printer so the output matches the seed
// byte for byte in shape (`<subject></subject>`, `<x nil="true"></x>`).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element: either a leaf with `text`, or a parent with `children`. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded text content; '' for parents and empty leaves. */
  text: string;
  /** True when the element carries nil="true". */
  nil: boolean;
}

/** Thrown for input that is not acceptable XML; routes answer 400. */
export class XmlSyntaxError extends Error {}

const parser = new XMLParser({
  preserveOrder: true, // keeps text and CDATA nodes apart and in order
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false, // values stay strings: "007" must not become 7
  parseAttributeValue: false,
  trimValues: false, // whitespace inside values is data
  processEntities: false, // decoded below, see the file comment
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: false,
  maxNestedTags: 32,
});

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&([^;&\s<]*);/g;
// Characters XML 1.0 forbids anywhere in a document (C0 controls except TAB/LF/CR,
// lone surrogates, U+FFFE/U+FFFF).
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function decodeEntities(raw: string): string {
  return raw.replace(REFERENCE, (_m, ref: string) => {
    const named = NAMED[ref];
    if (named !== undefined) return named;
    const num = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (num) {
      const cp = num[1] !== undefined ? parseInt(num[1], 16) : Number(num[2]);
      if (isXmlChar(cp)) return String.fromCodePoint(cp);
      throw new XmlSyntaxError(`Malformed XML: character reference &${ref}; is not allowed`);
    }
    throw new XmlSyntaxError(`Malformed XML: unknown entity &${ref}; (only &amp; &lt; &gt; &quot; &apos; and numeric references are allowed)`);
  });
}

type RawNode = Record<string, unknown>;

function convert(name: string, node: RawNode): XmlElement {
  const attrs: Record<string, string> = {};
  const rawAttrs = node[':@'];
  if (rawAttrs && typeof rawAttrs === 'object') {
    for (const [k, v] of Object.entries(rawAttrs as Record<string, unknown>)) attrs[k] = decodeEntities(String(v));
  }
  const children: XmlElement[] = [];
  let text = '';
  let hasText = false;
  const content = node[name];
  for (const child of Array.isArray(content) ? (content as RawNode[]) : []) {
    if ('#text' in child) {
      const t = decodeEntities(String(child['#text']));
      text += t;
      if (t.trim() !== '') hasText = true;
    } else if ('#cdata' in child) {
      const parts = child['#cdata'];
      const literal = Array.isArray(parts) ? parts.map((p: RawNode) => String(p['#text'] ?? '')).join('') : '';
      text += literal;
      hasText = true;
    } else {
      const childName = Object.keys(child).find((k) => k !== ':@');
      if (childName !== undefined) children.push(convert(childName, child));
    }
  }
  if (children.length > 0 && hasText) {
    throw new XmlSyntaxError(`Malformed XML: element <${name}> mixes text and child elements`);
  }
  return { name, attrs, children, text: children.length > 0 ? '' : text, nil: attrs['nil'] === 'true' };
}

// The help desk's documents use at most two attributes (nil, type) on an element.
// The parser's cost grows faster than linearly with attributes (80,000 on one
// element took 1.5 s), so the count is capped before the parser ever runs.
export const MAX_ATTRIBUTES_PER_ELEMENT = 32;
export const MAX_ATTRIBUTES = 1000;

/** Thrown for a document with more attributes than the caps allow; routes answer 400. */
export class XmlLimitError extends XmlSyntaxError {}

/**
 * Counts attributes in one linear pass over the text: inside a start tag, each `=` outside a
 * quoted value starts an attribute. Comments, CDATA, processing instructions and end tags are
 * skipped, so text that merely looks like markup is not counted.
 */
export function checkAttributeCounts(source: string): void {
  let total = 0;
  let i = source.indexOf('<');
  while (i !== -1 && i < source.length) {
    const next = source[i + 1];
    if (source.startsWith('<!--', i)) i = source.indexOf('-->', i + 4);
    else if (source.startsWith('<![CDATA[', i)) i = source.indexOf(']]>', i + 9);
    else if (next === '?' || next === '!' || next === '/') i = source.indexOf('>', i + 2);
    else {
      let inElement = 0;
      let quote = '';
      let j = i + 1;
      for (; j < source.length; j++) {
        const c = source[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '=') {
          inElement++;
          total++;
          if (inElement > MAX_ATTRIBUTES_PER_ELEMENT) {
            throw new XmlLimitError(`Too many XML attributes: at most ${MAX_ATTRIBUTES_PER_ELEMENT} on one element`);
          }
          if (total > MAX_ATTRIBUTES) throw new XmlLimitError(`Too many XML attributes: at most ${MAX_ATTRIBUTES} in one document`);
        } else if (c === '>') break;
      }
      i = j;
    }
    if (i === -1) return; // unterminated markup: the validator reports it
    i = source.indexOf('<', i + 1);
  }
}

/** Parses a request body into one root element, or throws XmlSyntaxError. */
export function parseXml(body: string): XmlElement {
  if (body.trim() === '') throw new XmlSyntaxError('Request body is empty; an XML document is required');
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw new XmlSyntaxError('DOCTYPE and ENTITY declarations are not allowed');
  // XML 1.0 end-of-line handling: the parser sees only \n (a &#13; reference still gives \r).
  const source = body.replace(/\r\n?/g, '\n');
  if (FORBIDDEN_CHAR.test(source)) throw new XmlSyntaxError('Malformed XML: the document contains characters XML does not allow');
  checkAttributeCounts(source);
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    throw new XmlSyntaxError(`Malformed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(source);
  } catch (err) {
    throw new XmlSyntaxError(`Malformed XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const roots = (Array.isArray(nodes) ? (nodes as RawNode[]) : []).filter((n) => !('#text' in n));
  const root = roots[0];
  const rootName = root ? Object.keys(root).find((k) => k !== ':@') : undefined;
  if (!root || rootName === undefined || roots.length !== 1) throw new XmlSyntaxError('Malformed XML: expected exactly one root element');
  return convert(rootName, root);
}

// ---------------------------------------------------------------------------
// Output

/** A node to print: a leaf value (null prints as nil="true") or a list of children. */
export interface XmlNode {
  name: string;
  attrs?: Record<string, string | number>;
  value: string | number | boolean | null | XmlNode[];
}

export function el(name: string, value: XmlNode['value'], attrs?: XmlNode['attrs']): XmlNode {
  return attrs ? { name, value, attrs } : { name, value };
}

/** Escapes text content. `>` is escaped too so `]]>` can never appear; \r is
 * written as a reference because a conforming parser would turn a raw one into \n. */
export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function render(node: XmlNode, indent: string, out: string[]): void {
  const attrs = { ...(node.attrs ?? {}) };
  if (node.value === null) attrs['nil'] = 'true';
  const attrText = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`).join('');
  if (Array.isArray(node.value)) {
    if (node.value.length === 0) {
      out.push(`${indent}<${node.name}${attrText}></${node.name}>`);
      return;
    }
    out.push(`${indent}<${node.name}${attrText}>`);
    for (const child of node.value) render(child, indent + '  ', out);
    out.push(`${indent}</${node.name}>`);
    return;
  }
  const text = node.value === null ? '' : escapeText(String(node.value));
  out.push(`${indent}<${node.name}${attrText}>${text}</${node.name}>`);
}

/** Prints a whole document with an XML declaration. Leaf text is printed
 * inline, so whitespace and newlines inside values survive exactly. */
export function toXml(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, '', out);
  return out.join('\n') + '\n';
}

export function errorsXml(messages: readonly string[]): string {
  return toXml(el('errors', messages.map((m) => el('error', m))));
}
