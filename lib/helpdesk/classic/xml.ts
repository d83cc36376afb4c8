import { XMLBuilder, XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';
import { z } from 'zod';
import { HelpdeskBadResponseError, HelpdeskUnauthorizedError, HelpdeskValidationError } from '../errors';
import type {
  Caller,
  Comment,
  CommentAuthor,
  CommentInput,
  NewRequestInput,
  RequestPage,
  RequestPriority,
  RequestStatus,
  RequestSummary,
  RequestType,
  Requester,
  SupportRequest,
} from '../types';
import { NON_XML_CHAR } from '../../forms/text';

/**
 * The classic API's XML, in and out. Answers are parsed with explicit options, validated with zod,
 * and reshaped into domain types here, so nothing else in the portal sees XML or raw fields.
 */

const PER_PAGE = 15;

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
const arrayPaths = new Set(['tickets.ticket', 'ticket.comments.comment', 'tickets.ticket.comments.comment', 'errors.error', 'ticket.users.user']);

const parser = new XMLParser({
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
  isArray: (_name, jpath, _isLeaf, isAttribute) => !isAttribute && typeof jpath === 'string' && arrayPaths.has(jpath),
});

// Checked on the raw text, before any parsing: a "billion laughs" body is refused in one scan.
const declaration = /<!(?:DOCTYPE|ENTITY)/i;

function readDocument(xml: string): unknown {
  if (declaration.test(xml)) {
    throw new HelpdeskBadResponseError('help desk answer declares a DOCTYPE or entities; refused unparsed');
  }
  // The parser itself is lenient (it accepts unclosed tags), so well-formedness is checked first.
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    throw new HelpdeskBadResponseError(`help desk answer is not well-formed XML (${verdict.err.code}, line ${verdict.err.line})`);
  }
  try {
    return parser.parse(xml);
  } catch (error) {
    throw new HelpdeskBadResponseError('help desk answer could not be parsed', { cause: error });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text-only element: its exact text, or null for `nil="true"`. Attributes such as `type` are ignored. */
const text = z.unknown().transform((node, ctx): string | null => {
  if (typeof node === 'string') return node;
  if (isRecord(node) && Object.keys(node).every((key) => key === '#text' || key.startsWith('@_'))) {
    if (node['@_nil'] === 'true') return null;
    return typeof node['#text'] === 'string' ? node['#text'] : '';
  }
  ctx.addIssue({ code: 'custom', message: 'expected a text element' });
  return z.NEVER;
});

/** An element holding other elements; `<x/>` or whitespace-only content is an empty one. */
const container = <T extends z.ZodType>(shape: T) =>
  z.preprocess((node) => (typeof node === 'string' && node.trim() === '' ? {} : node), shape);

// Only the fields the portal uses are named; z.object drops the rest (assignee, tags, score, ...).
const rawComment = z.object({
  'author-id': text.optional(),
  'created-at': text,
  'is-public': text.optional(),
  value: text.optional(),
});

// Someone on the request (the sandbox's `<users>` extension, sandbox/README.md): never an email.
const rawPerson = z.object({ id: text.optional(), name: text.optional(), roles: text.optional() });

const rawTicket = z.object({
  'nice-id': text.optional(),
  id: text.optional(),
  subject: text.optional(),
  description: text.optional(),
  'status-id': text.optional(),
  'requester-id': text.optional(),
  'created-at': text,
  'updated-at': text.optional(),
  // In the end-user view of the help desk's Requests API (sandbox/README.md); the seed's agent view has them too.
  'priority-id': text.optional(),
  'ticket-type-id': text.optional(),
  // The sandbox's extensions (sandbox/README.md).
  'can-be-solved-by-me': text.optional(),
  'followup-source-id': text.optional(),
  comments: container(z.object({ comment: z.array(rawComment).optional() })).optional(),
  users: container(z.object({ user: z.array(rawPerson).optional() })).optional(),
});
type RawTicket = z.infer<typeof rawTicket>;

const requestDocument = z.object({ ticket: rawTicket });
const listDocument = z.object({
  tickets: container(z.object({ '@_count': z.string().optional(), ticket: z.array(rawTicket).optional() })),
});
const userDocument = z.object({
  // password-changed-at: the sandbox's extension (sandbox/README.md); nil or absent when unknown.
  user: z.object({ id: text.optional(), name: text.optional(), email: text.optional(), 'password-changed-at': text.optional() }),
});
const errorsDocument = z.object({ errors: container(z.object({ error: z.array(text).optional() })) });
const createdDocument = z.object({ ticket: z.object({ 'nice-id': text.optional(), id: text.optional() }) });

function validate<T extends z.ZodType>(schema: T, document: unknown, what: string): z.output<T> {
  const result = schema.safeParse(document);
  if (result.success) return result.data;
  // Paths only: values may be customer text, which does not belong in logs.
  const where = result.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)');
  throw new HelpdeskBadResponseError(`help desk answer is not a ${what} (at ${where.join(', ')})`, { cause: result.error });
}

const statusById = new Map<string, RequestStatus>([['0', 'new'], ['1', 'open'], ['2', 'pending'], ['3', 'solved'], ['4', 'closed']]);

function toIso(value: string | null | undefined, field: string): string {
  const time = value ? Date.parse(value.trim()) : NaN;
  if (Number.isNaN(time)) throw new HelpdeskBadResponseError(`help desk answer has no valid ${field}`);
  return new Date(time).toISOString();
}

/** The reduced view: built field by field, so nothing the help desk adds can ride along. */
function toSummary(raw: RawTicket): RequestSummary {
  const id = (raw['nice-id'] ?? raw.id ?? '').trim();
  if (!/^\d+$/.test(id)) throw new HelpdeskBadResponseError('help desk answer has a request without a numeric id');
  const createdAt = toIso(raw['created-at'], 'created-at');
  return {
    id,
    subject: raw.subject != null && raw.subject.trim() !== '' ? raw.subject : null,
    description: raw.description ?? '',
    status: statusById.get(raw['status-id']?.trim() ?? '') ?? 'unknown',
    createdAt,
    updatedAt: raw['updated-at'] ? toIso(raw['updated-at'], 'updated-at') : createdAt,
  };
}

// The seed's tables (ticket type, priority): 0 is "not set".
const typeById = new Map<string, RequestType>([['1', 'question'], ['2', 'incident'], ['3', 'problem'], ['4', 'task']]);
const priorityById = new Map<string, RequestPriority>([['1', 'low'], ['2', 'normal'], ['3', 'high'], ['4', 'urgent']]);
const STAFF_ROLES = new Set(['2', '4']);

function toSupportRequest(raw: RawTicket, caller: Caller): SupportRequest {
  const people = raw.users === undefined ? null : new Map((raw.users.user ?? []).map((person) => [person.id?.trim() ?? '', person]));
  const author = (rawId: string | null | undefined): CommentAuthor => {
    const id = rawId?.trim() || null;
    const person = id === null ? undefined : people?.get(id);
    // Without the sandbox's <users> the classic API says nothing of roles: whoever is not the
    // customer answers on the help desk's side. With it, its roles (0 end user, 2 agent, 4 admin) decide.
    const role = id !== null && id === caller.requesterId ? 'you' : people === null || STAFF_ROLES.has(person?.roles?.trim() ?? '') ? 'agent' : 'other';
    return { id, name: person?.name?.trim() || null, role, hasPhoto: false };
  };
  const comments: Comment[] = (raw.comments?.comment ?? [])
    // The end-user view omits is-public; when present, anything but "true" is private. Fail closed.
    .filter((c) => c['is-public'] === undefined || c['is-public']?.trim().toLowerCase() === 'true')
    .map((c): Comment => ({
      author: author(c['author-id']),
      createdAt: toIso(c['created-at'], 'comment created-at'),
      body: c.value ?? '',
      attachments: [],
    }))
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)); // stable: ties keep help desk order
  const followUpOf = raw['followup-source-id']?.trim() ?? '';
  return {
    ...toSummary(raw),
    comments,
    // No requester-id (the seed's own example has none): the caller's own request.
    requester: author(raw['requester-id']?.trim() || caller.requesterId),
    type: typeById.get(raw['ticket-type-id']?.trim() ?? '') ?? null,
    priority: priorityById.get(raw['priority-id']?.trim() ?? '') ?? null,
    canBeSolvedByMe: raw['can-be-solved-by-me']?.trim() === 'true',
    followUpOf: /^\d+$/.test(followUpOf) ? followUpOf : null,
  };
}

export function parseRequestXml(xml: string, caller: Caller): SupportRequest {
  return toSupportRequest(validate(requestDocument, readDocument(xml), 'request').ticket, caller);
}

export function parseRequestListXml(xml: string, page: number): RequestPage {
  const { tickets } = validate(listDocument, readDocument(xml), 'request list');
  // A list shows no conversation: whatever comments a list answer carries stay behind.
  const requests = (tickets.ticket ?? []).map(toSummary);
  const count = tickets['@_count']?.trim();
  if (count !== undefined && !/^\d+$/.test(count)) throw new HelpdeskBadResponseError('help desk answer has a non-numeric count');
  const paging = (total: number, pageCount: number): RequestPage => ({
    requests,
    page: { number: page, pageCount, total, hasNext: page < pageCount, hasPrevious: page > 1 },
  });
  if (count !== undefined) return paging(Number(count), Math.max(1, Math.ceil(Number(count) / PER_PAGE)));
  // No count (the documented /requests answer has none): a full page may have a next one.
  const pageCount = requests.length === PER_PAGE ? page + 1 : requests.length === 0 ? Math.max(1, page - 1) : page;
  return paging((page - 1) * PER_PAGE + requests.length, pageCount);
}

export function parseUserXml(xml: string): Requester {
  const { user } = validate(userDocument, readDocument(xml), 'user');
  const id = user.id?.trim() ?? '';
  // A help desk that does not recognise the credentials may answer with its anonymous user.
  if (id === '') throw new HelpdeskUnauthorizedError('help desk answered the current user without an id (anonymous)');
  const email = user.email?.trim() ?? '';
  if (email === '') throw new HelpdeskBadResponseError('help desk answered the current user without an email');
  const changed = user['password-changed-at']?.trim();
  return { id, name: user.name?.trim() || email, email, ...(changed ? { passwordChangedAt: toIso(changed, 'password-changed-at') } : {}) };
}

/** The help desk's own validation messages; best effort, so an unreadable body gives []. */
export function parseErrorsXml(xml: string): string[] {
  try {
    const { errors } = validate(errorsDocument, readDocument(xml), 'error list');
    return (errors.error ?? []).map((message) => message?.trim() ?? '').filter((message) => message !== '');
  } catch {
    return [];
  }
}

/** The new request's id from a create answer's body, when it has one; null otherwise. */
export function parseCreatedRequestId(xml: string): string | null {
  try {
    const { ticket } = validate(createdDocument, readDocument(xml), 'request');
    const id = (ticket['nice-id'] ?? ticket.id ?? '').trim();
    return /^\d+$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

// The builder escapes & < > " ' in text (so "]]>" goes out as "]]&gt;") and never trims.
const builder = new XMLBuilder({ format: false, ignoreAttributes: true, processEntities: true, suppressEmptyNode: false });

/**
 * The portal's forms already refuse characters XML cannot carry (NUL and most C0 controls,
 * lone surrogates); this is the last line, so a slip there is a clear error, not a broken document.
 */
function assertXmlText(field: string, value: string): void {
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
const build = (document: object) => (builder.build(document) as string).replaceAll('\r', '&#13;');

/** Upload tokens are the help desk's own short words; anything else must not reach a document. */
const UPLOAD_TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

function uploadsText(uploads: readonly string[]): string | undefined {
  for (const token of uploads) {
    if (!UPLOAD_TOKEN.test(token)) throw new HelpdeskValidationError(['An upload token is not valid.'], 'upload token is not a help desk token');
  }
  // The sandbox's extension (sandbox/README.md): one <uploads> element, tokens separated by spaces.
  return uploads.length > 0 ? uploads.join(' ') : undefined;
}

/**
 * A new request: the seed's `<ticket><subject/><description/></ticket>`, plus the sandbox's
 * `<uploads>` (files for the first comment) and `<via-followup-source-id>` (the closed request it
 * follows up) when there are any.
 */
export function buildNewRequestXml(input: Pick<NewRequestInput, 'subject' | 'description'> & Partial<Pick<NewRequestInput, 'uploads' | 'followUpOf'>>): string {
  assertXmlText('subject', input.subject);
  assertXmlText('description', input.description);
  const uploads = uploadsText(input.uploads ?? []);
  return build({
    ticket: {
      subject: input.subject,
      description: input.description,
      ...(uploads === undefined ? {} : { uploads }),
      ...(input.followUpOf ? { 'via-followup-source-id': input.followUpOf } : {}),
    },
  });
}

/** The seed's `<comment><value/></comment>`, plus the sandbox's `<uploads>` when there are files. */
export function buildCommentXml(body: string, uploadTokens: readonly string[] = []): string {
  assertXmlText('comment', body);
  const uploads = uploadsText(uploadTokens);
  return build({ comment: { value: body, ...(uploads === undefined ? {} : { uploads }) } });
}

/**
 * PUT /requests/{id}: a comment as the seed has it, or, to also mark the request solved, the
 * sandbox's `<ticket><solved>true</solved><comment>…</comment></ticket>` (the comment left out when
 * there is neither text nor a file). One call either way.
 */
export function buildRequestUpdateXml(input: CommentInput): string {
  if (!input.solve) return buildCommentXml(input.body, input.uploads);
  const hasComment = input.body !== '' || input.uploads.length > 0;
  const comment = hasComment ? buildCommentXml(input.body, input.uploads) : '';
  return `<ticket><solved>true</solved>${comment}</ticket>`;
}
