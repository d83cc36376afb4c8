import { XMLBuilder, XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';
import { z } from 'zod';
import { HelpdeskBadResponseError, HelpdeskValidationError } from '../errors';
import { NON_XML_CHAR } from '../../forms/text';

/**
 * Reading and writing the classic API's XML safely: explicit parser options, no DOCTYPE or entity
 * declarations, well-formedness checked first, zod for shapes, and a builder that escapes and keeps
 * every character. xml.ts reshapes what is read here into domain types.
 */

// XML 1.0's Char production: what a document may contain at all, literally or as &#n;.
const isXmlChar = (cp: number) =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

// Only XML's five built-in entities and character references, in one pass (so `&amp;lt;` stays
// `&lt;`). fast-xml-parser's default decoder leaves `&#39;`-style references undecoded unless
// HTML entities are switched on, and this one never learns entities from a DOCTYPE: documents that
// declare one are refused before parsing (`readDocument`).
const builtInEntities = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);
const entityReference = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const entityDecoder: EntityDecoderOptions = {
  decode: (text) =>
    text.replace(entityReference, (reference, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return builtInEntities.get(name) ?? reference;
      const cp = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
      return isXmlChar(cp) ? String.fromCodePoint(cp) : '\uFFFD';
    }),
  addInputEntities: () => {
    throw new Error('entity declarations are not accepted');
  },
  setExternalEntities: () => {},
  reset: () => {},
  setXmlVersion: () => {},
};

// Lists that must stay arrays when the help desk sends a single element.
const arrayPaths = new Set([
  'tickets.ticket',
  'ticket.comments.comment',
  'tickets.ticket.comments.comment',
  'errors.error',
  'ticket.users.user',
  'ticket.comments.comment.attachments.attachment',
  'tickets.ticket.comments.comment.attachments.attachment',
  'upload.attachments.attachment',
  // The help desk's own fields (classic/fields-xml.ts).
  'ticket.ticket-field-entries.ticket-field-entry',
  'ticket-fields.ticket-field',
  'ticket-fields.ticket-field.custom-field-options.custom-field-option',
  'ticket-forms.ticket-form',
  'ticket-forms.ticket-form.ticket-field-ids.ticket-field-id',
  // The sandbox's CCs extension (sandbox/README.md).
  'ticket.collaborator-ids.collaborator-id',
]);

/** The last names in `arrayPaths`: a cheap first test for each tag. */
const arrayNames = new Set([...arrayPaths].map((path) => path.slice(path.lastIndexOf('.') + 1)));

const parserOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Ids and text stay strings exactly as sent: no number coercion ("0012" ≠ 12), no trimming.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  entityDecoder,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // The parser passes its path matcher, not a path string (`jPath: false`): with strings it built
  // one for every tag and text it read (a tenth of a list answer's parsing). The path is spelled
  // out only for a tag whose name could be one of the lists.
  jPath: false,
  isArray: (name: string, path: unknown, _isLeaf: boolean, isAttribute: boolean) => !isAttribute && arrayNames.has(name) && arrayPaths.has(String(path)),
};
const parser = new XMLParser(parserOptions);

/**
 * For list answers, each request's conversation and people, and for a write's answer (the request
 * after a reply or a solve) its conversation and people: nothing reads them (a list shows neither;
 * a write's answer only says it went through and, for a solve, the status), yet they are most of
 * the bytes. They are cut out of the text before parsing (`withoutElements`), after the whole
 * document has been checked for well-formedness. Measured: parsing them was a fifth of a list
 * view's CPU at 4 comments per request, and made each reply cost more the longer the conversation
 * (10 ms at 5 comments, 35 ms at a few thousand). fast-xml-parser's stopNodes did the same job
 * more slowly: it matches every tag's path against them (about 1 ms per list answer here).
 */
const UNREAD_IN_LISTS = ['comments', 'users'] as const;

/**
 * `xml` without the elements named (with their content), wherever they are; null when that cannot
 * be done by scanning the text alone: a CDATA section or a comment could hide a tag, and a nested
 * element of the same name would end the cut early. Only called on a well-formed document, in
 * which `<`, outside CDATA and comments, always starts markup.
 */
export function withoutElements(xml: string, names: readonly string[]): string | null {
  if (xml.includes('<![CDATA[') || xml.includes('<!--')) return null;
  let out = xml;
  for (const name of names) {
    const parts: string[] = [];
    let from = 0;
    for (;;) {
      const start = findOpening(out, name, from);
      if (start === -1) break;
      const openEnd = out.indexOf('>', start);
      if (out[openEnd - 1] === '/') {
        // <name/>: empty, cut as it is.
        parts.push(out.slice(from, start));
        from = openEnd + 1;
        continue;
      }
      const close = out.indexOf(`</${name}>`, openEnd);
      if (close === -1 || findOpening(out.slice(0, close), name, openEnd) !== -1) return null;
      parts.push(out.slice(from, start));
      from = close + name.length + 3;
    }
    parts.push(out.slice(from));
    out = parts.join('');
  }
  return out;
}

/** Where `<name` opens an element (followed by `>`, `/` or white space) at or after `from`, or -1. */
function findOpening(xml: string, name: string, from: number): number {
  for (let at = xml.indexOf(`<${name}`, from); at !== -1; at = xml.indexOf(`<${name}`, at + 1)) {
    const next = xml[at + name.length + 1];
    if (next === '>' || next === '/' || next === ' ' || next === '\t' || next === '\n' || next === '\r') return at;
  }
  return -1;
}

// Checked on the raw text, before any parsing: a "billion laughs" body is refused in one scan.
const declaration = /<!(?:DOCTYPE|ENTITY)/i;

/** A list answer (`<tickets>`), without its requests' comments and people: see `UNREAD_IN_LISTS`. */
export function readListDocument(xml: string): unknown {
  return readDocument(xml, UNREAD_IN_LISTS);
}

/** A write's answer (`<ticket>`), without its conversation and people: see `UNREAD_IN_LISTS`. */
export function readWriteAnswerDocument(xml: string): unknown {
  return readDocument(xml, UNREAD_IN_LISTS);
}

/** A help desk answer, parsed; `unread` names elements cut out first, unparsed (see `withoutElements`). */
export function readDocument(xml: string, unread: readonly string[] = []): unknown {
  if (declaration.test(xml)) {
    throw new HelpdeskBadResponseError('help desk answer declares a DOCTYPE or entities; refused unparsed');
  }
  // The parser itself is lenient (it accepts unclosed tags), so well-formedness is checked first.
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    throw new HelpdeskBadResponseError(`help desk answer is not well-formed XML (${verdict.err.code}, line ${verdict.err.line})`);
  }
  try {
    return parser.parse((unread.length > 0 ? withoutElements(xml, unread) : null) ?? xml);
  } catch (error) {
    throw new HelpdeskBadResponseError('help desk answer could not be parsed', { cause: error });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text-only element: its exact text, or null for `nil="true"`. Attributes such as `type` are ignored. */
export const text = z.unknown().transform((node, ctx): string | null => {
  if (typeof node === 'string') return node;
  if (isRecord(node) && Object.keys(node).every((key) => key === '#text' || key.startsWith('@_'))) {
    if (node['@_nil'] === 'true') return null;
    return typeof node['#text'] === 'string' ? node['#text'] : '';
  }
  ctx.addIssue({ code: 'custom', message: 'expected a text element' });
  return z.NEVER;
});

/** An element holding other elements; `<x/>` or whitespace-only content is an empty one. */
export const container = <T extends z.ZodType>(shape: T) =>
  z.preprocess((node) => (typeof node === 'string' && node.trim() === '' ? {} : node), shape);

export function validate<T extends z.ZodType>(schema: T, document: unknown, what: string): z.output<T> {
  const result = schema.safeParse(document);
  if (result.success) return result.data;
  // Paths only: values may be customer text, which does not belong in logs.
  const where = result.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)');
  throw new HelpdeskBadResponseError(`help desk answer is not a ${what} (at ${where.join(', ')})`, { cause: result.error });
}

// The builder escapes & < > " ' in text (so "]]>" goes out as "]]&gt;") and never trims.
const builder = new XMLBuilder({ format: false, ignoreAttributes: true, processEntities: true, suppressEmptyNode: false });

/**
 * The portal's forms already refuse characters XML cannot carry (NUL and most C0 controls,
 * lone surrogates); this is the last line, so a slip there is a clear error, not a broken document.
 */
export function assertXmlText(field: string, value: string): void {
  const match = NON_XML_CHAR.exec(value);
  if (match) {
    const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new HelpdeskValidationError(
      [`The ${field} contains a character that cannot be sent (U+${code}). Please remove it.`],
      `${field} contains U+${code}, which XML cannot carry`,
    );
  }
}

/**
 * A conforming parser turns a raw "\r\n" into "\n" (XML end-of-line handling), and browsers send
 * textarea line breaks as "\r\n"; as a reference, "\r" arrives as typed. The builder emits no
 * line breaks of its own (format: false), so every "\r" in its output is inside text.
 */
export const build = (document: object) => (builder.build(document) as string).replaceAll('\r', '&#13;');
