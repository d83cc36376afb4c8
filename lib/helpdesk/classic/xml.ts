import { z } from 'zod';
import { HelpdeskBadResponseError, HelpdeskUnauthorizedError, HelpdeskValidationError } from '../errors';
import type {
  Caller,
  Comment,
  CommentAuthor,
  CommentInput,
  FieldInput,
  CopiedPerson,
  NewRequestInput,
  PageInfo,
  RequestMatch,
  RequestPage,
  RequestPriority,
  RequestStatus,
  RequestSummary,
  RequestType,
  Requester,
  SearchPage,
  SupportRequest,
  UploadReceipt,
} from '../types';
import { toAttachment, UPLOAD_TOKEN, type FoundFile } from '../attachments';
import { accessOf, belongsIn, ccName, organizationSharing } from '../list-options';
import { assertXmlText, build, container, readDocument, readListDocument, readWriteAnswerDocument, text, validate } from './document';
import { entriesOf, entryValue } from './fields-xml';

/**
 * The classic API's XML, in and out. Answers are parsed with explicit options, validated with zod,
 * and reshaped into domain types here, so nothing else in the portal sees XML or raw fields.
 */

const PER_PAGE = 15;

// A file (the sandbox's <attachment> and <photo>, sandbox/README.md). Its content-url never leaves this folder.
const rawAttachment = z.object({
  id: text.optional(),
  'file-name': text.optional(),
  'content-type': text.optional(),
  size: text.optional(),
  'content-url': text.optional(),
});
type RawAttachment = z.infer<typeof rawAttachment>;

// Only the fields the portal uses are named; z.object drops the rest (assignee, tags, score, ...).
const rawComment = z.object({
  'author-id': text.optional(),
  'created-at': text,
  'is-public': text.optional(),
  value: text.optional(),
  attachments: container(z.object({ attachment: z.array(rawAttachment).optional() })).optional(),
});
type RawComment = z.infer<typeof rawComment>;

// Someone on the request (the sandbox's `<users>` extension, sandbox/README.md): never an email.
// A `<photo nil="true">` reads as an empty one.
const rawPerson = z.object({ id: text.optional(), name: text.optional(), roles: text.optional(), photo: container(rawAttachment).optional() });

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
  // In a search answer (the sandbox's extension): plain text around the matched words, or nil.
  snippet: text.optional(),
  // The seed's custom fields; only those in the end-user definitions survive (fields-xml.ts, ../fields.ts).
  'ticket-field-entries': container(
    z.object({ 'ticket-field-entry': z.array(z.object({ 'ticket-field-id': text.optional(), value: text.optional() })).optional() }),
  ).optional(),
  // Who is copied on it (the sandbox's extension, v2's collaborator_ids), named in <users>.
  'collaborator-ids': container(z.object({ 'collaborator-id': z.array(text).optional() })).optional(),
});
type RawTicket = z.infer<typeof rawTicket>;
type RawListTicket = Omit<RawTicket, 'comments' | 'users'>;

const requestDocument = z.object({ ticket: rawTicket });
// A list shows no conversation: its requests are read without comments or people (readListDocument
// leaves them unparsed), so they are not validated either.
const rawListTicket = rawTicket.omit({ comments: true, users: true });
// A write's answer is read as a list's request is: without its conversation (readWriteAnswerDocument).
const writeAnswerDocument = z.object({ ticket: rawListTicket });
const listDocument = z.object({
  tickets: container(z.object({ '@_count': z.string().optional(), ticket: z.array(rawListTicket).optional() })),
});
const userDocument = z.object({
  // password-changed-at: the sandbox's extension (sandbox/README.md); nil or absent when unknown.
  user: z.object({
    id: text.optional(),
    name: text.optional(),
    email: text.optional(),
    'password-changed-at': text.optional(),
    // Only end users get a sign-in link (lib/session/email-link.ts): 0 is an end user.
    roles: text.optional(),
    // The sandbox's extension: the user's organization and what it shares (nil when none).
    organization: container(z.object({ id: text.optional(), 'shared-tickets': text.optional(), 'shared-comments': text.optional() })).optional(),
  }),
});
const errorsDocument = z.object({ errors: container(z.object({ error: z.array(text).optional() })) });
const createdDocument = z.object({ ticket: z.object({ 'nice-id': text.optional(), id: text.optional() }) });


const statusById = new Map<string, RequestStatus>([['0', 'new'], ['1', 'open'], ['2', 'pending'], ['3', 'solved'], ['4', 'closed']]);

function toIso(value: string | null | undefined, field: string): string {
  const time = value ? Date.parse(value.trim()) : NaN;
  if (Number.isNaN(time)) throw new HelpdeskBadResponseError(`help desk answer has no valid ${field}`);
  return new Date(time).toISOString();
}

/** The reduced view: built field by field, so nothing the help desk adds can ride along. */
function toSummary(raw: RawListTicket): RequestSummary {
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

/** A file and where the help desk keeps it. */
function toFound(raw: RawAttachment): FoundFile {
  const attachment = toAttachment({ id: raw.id, fileName: raw['file-name'], contentType: raw['content-type'], size: raw.size });
  return { attachment, contentUrl: raw['content-url']?.trim() ?? '' };
}

const hasAddress = (raw: RawAttachment | undefined) => Boolean(raw?.['content-url']?.trim());

/** The comments a customer may see. The end-user view omits is-public; when present, anything but "true" is private. Fail closed. */
const publicComments = (raw: RawTicket): RawComment[] =>
  (raw.comments?.comment ?? []).filter((c) => c['is-public'] === undefined || c['is-public']?.trim().toLowerCase() === 'true');

function toSupportRequest(raw: RawTicket, caller: Caller): SupportRequest {
  const people = raw.users === undefined ? null : new Map((raw.users.user ?? []).map((person) => [person.id?.trim() ?? '', person]));
  const author = (rawId: string | null | undefined): CommentAuthor => {
    const id = rawId?.trim() || null;
    const person = id === null ? undefined : people?.get(id);
    // Without the sandbox's <users> the classic API says nothing of roles: whoever is not the
    // customer answers on the help desk's side. With it, its roles (0 end user, 2 agent, 4 admin) decide.
    const role = id !== null && id === caller.requesterId ? 'you' : people === null || STAFF_ROLES.has(person?.roles?.trim() ?? '') ? 'agent' : 'other';
    return { id, name: person?.name?.trim() || null, role, hasPhoto: hasAddress(person?.photo) };
  };
  const comments: Comment[] = publicComments(raw)
    .map((c): Comment => ({
      author: author(c['author-id']),
      createdAt: toIso(c['created-at'], 'comment created-at'),
      body: c.value ?? '',
      attachments: (c.attachments?.attachment ?? []).map((a) => toFound(a).attachment),
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
    ...copiedPeople(raw, people, caller),
  };
}

/** The CCs (names from <users>, never an email) and why the caller may see the request. */
function copiedPeople(raw: RawTicket, people: ReadonlyMap<string, z.infer<typeof rawPerson>> | null, caller: Caller): Pick<SupportRequest, 'ccs' | 'access'> {
  const ids = [...new Set((raw['collaborator-ids']?.['collaborator-id'] ?? []).map((id) => id?.trim() ?? '').filter((id) => /^\d+$/.test(id)))];
  const ccs = ids.map((id): CopiedPerson => ({ id, name: ccName(people?.get(id)?.name), you: id === caller.requesterId }));
  return { ccs, access: accessOf(raw['requester-id']?.trim() || caller.requesterId, ccs, caller) };
}

export function parseRequestXml(xml: string, caller: Caller): SupportRequest {
  return toSupportRequest(validate(requestDocument, readDocument(xml), 'request').ticket, caller);
}

/**
 * The answer to a reply or a solve: the request, read for what a write needs (that it is a whole,
 * valid request, and its status), its conversation left unread however long it is.
 */
export function parseWriteAnswerXml(xml: string): RequestSummary {
  return toSummary(validate(writeAnswerDocument, readWriteAnswerDocument(xml), 'request').ticket);
}

/** A request and its raw field entries, read once (getRequest names the visible ones from the cached definitions). */
export function parseRequestWithEntriesXml(xml: string, caller: Caller): { request: SupportRequest; entries: ReturnType<typeof entriesOf> } {
  const ticket = validate(requestDocument, readDocument(xml), 'request').ticket;
  return { request: toSupportRequest(ticket, caller), entries: entriesOf(ticket['ticket-field-entries']) };
}

/** A file of one of the request's public comments, with its address; null when there is none by that id. */
export function findAttachmentXml(xml: string, attachmentId: string): FoundFile | null {
  const ticket = validate(requestDocument, readDocument(xml), 'request').ticket;
  for (const comment of publicComments(ticket)) {
    for (const raw of comment.attachments?.attachment ?? []) {
      if (raw.id?.trim() === attachmentId) return toFound(raw);
    }
  }
  return null;
}

/** The photo of someone who wrote one of the request's public comments (the sandbox's <users>); null otherwise. */
export function findPhotoXml(xml: string, userId: string): FoundFile | null {
  const ticket = validate(requestDocument, readDocument(xml), 'request').ticket;
  if (!publicComments(ticket).some((c) => c['author-id']?.trim() === userId)) return null;
  const photo = ticket.users?.user?.find((person) => person.id?.trim() === userId)?.photo;
  return photo && hasAddress(photo) ? toFound(photo) : null;
}

const uploadDocument = z.object({
  upload: z.object({
    token: text.optional(),
    attachment: container(rawAttachment).optional(),
    attachments: container(z.object({ attachment: z.array(rawAttachment).optional() })).optional(),
  }),
});

/** The sandbox's answer to POST /uploads.xml: the token, and the file it took (the last one, when it lists only the upload's files). */
export function parseUploadXml(xml: string): UploadReceipt {
  const { upload } = validate(uploadDocument, readDocument(xml), 'upload');
  const token = upload.token?.trim() ?? '';
  if (!UPLOAD_TOKEN.test(token)) throw new HelpdeskBadResponseError('help desk answered an upload without a usable token');
  const file = upload.attachment && Object.keys(upload.attachment).length > 0 ? upload.attachment : upload.attachments?.attachment?.at(-1);
  if (!file) throw new HelpdeskBadResponseError('help desk answered an upload without its file');
  return { token, attachment: toFound(file).attachment };
}

/** A list answer's requests and its paging: `count` (the sandbox's, over all pages) when given, else guessed from a full page. */
function readList(xml: string, page: number): { tickets: RawListTicket[]; page: PageInfo } {
  const { tickets } = validate(listDocument, readListDocument(xml), 'request list');
  const raw = tickets.ticket ?? [];
  const count = tickets['@_count']?.trim();
  if (count !== undefined && !/^\d+$/.test(count)) throw new HelpdeskBadResponseError('help desk answer has a non-numeric count');
  const info = (total: number, pageCount: number): PageInfo => ({ number: page, pageCount, total, hasNext: page < pageCount, hasPrevious: page > 1 });
  if (count !== undefined) return { tickets: raw, page: info(Number(count), Math.max(1, Math.ceil(Number(count) / PER_PAGE))) };
  // No count (the documented /requests answer has none): a full page may have a next one.
  const pageCount = raw.length === PER_PAGE ? page + 1 : raw.length === 0 ? Math.max(1, page - 1) : page;
  return { tickets: raw, page: info((page - 1) * PER_PAGE + raw.length, pageCount) };
}

/**
 * A list page. `wanted`: the statuses asked for; a help desk that ignores the sandbox's `status`
 * extension must not slip others in, so anything else is left out here (at worst a page is shorter).
 */
export function parseRequestListXml(xml: string, page: number, wanted?: ReadonlySet<RequestStatus>): RequestPage {
  const list = readList(xml, page);
  // A list shows no conversation: whatever comments a list answer carries stay behind.
  const requests = list.tickets.map(toSummary).filter((request) => belongsIn(wanted, request.status));
  return { requests, page: list.page };
}

/** The longest snippet kept: a line or two under a title, whatever a help desk sends. */
const SNIPPET_MAX_CHARS = 300;

/** A search page (the sandbox's `GET /requests/search`): a list page whose requests carry a `<snippet>`. */
export function parseSearchXml(xml: string, page: number, wanted?: ReadonlySet<RequestStatus>): SearchPage {
  const list = readList(xml, page);
  const requests = list.tickets
    .map((raw): RequestMatch => ({ ...toSummary(raw), snippet: snippetText(raw.snippet) }))
    .filter((request) => belongsIn(wanted, request.status));
  return { requests, page: list.page };
}

function snippetText(raw: string | null | undefined): string | null {
  const text = raw?.replace(/\s+/g, ' ').trim() ?? '';
  if (text === '') return null;
  const chars = Array.from(text);
  return chars.length <= SNIPPET_MAX_CHARS ? text : `${chars.slice(0, SNIPPET_MAX_CHARS - 1).join('')}…`;
}

export function parseUserXml(xml: string): Requester {
  const { user } = validate(userDocument, readDocument(xml), 'user');
  const id = user.id?.trim() ?? '';
  // A help desk that does not recognise the credentials may answer with its anonymous user.
  if (id === '') throw new HelpdeskUnauthorizedError('help desk answered the current user without an id (anonymous)');
  const email = user.email?.trim() ?? '';
  if (email === '') throw new HelpdeskBadResponseError('help desk answered the current user without an email');
  const changed = user['password-changed-at']?.trim();
  const organization = organizationSharing(user.organization?.id, user.organization?.['shared-tickets'] === 'true', user.organization?.['shared-comments'] === 'true');
  return { id, name: user.name?.trim() || email, email, ...(changed ? { passwordChangedAt: toIso(changed, 'password-changed-at') } : {}), ...organization };
}

/**
 * A user answer for the email link (findEndUser): the user, or null when it is staff. `<roles>`
 * (0 end user, 2 agent, 4 admin) is the sandbox's and the classic API's user field; a help desk
 * that leaves it out acts on behalf of end users only, so its answer is one.
 */
export function parseEndUserXml(xml: string): Requester | null {
  const { user } = validate(userDocument, readDocument(xml), 'user');
  const roles = user.roles?.trim();
  if (roles !== undefined && roles !== '' && roles !== '0') return null;
  return parseUserXml(xml);
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
function fieldEntry(input: FieldInput): { 'ticket-field-id': string; value: string } {
  if (!/^\d+$/.test(input.fieldId)) throw new HelpdeskValidationError(['A field is not one of the help desk’s.'], 'ticket field id is not a number');
  const value = entryValue(input);
  assertXmlText('field', value);
  return { 'ticket-field-id': input.fieldId, value };
}

export function buildNewRequestXml(
  input: Pick<NewRequestInput, 'subject' | 'description'> & Partial<Pick<NewRequestInput, 'uploads' | 'followUpOf' | 'fields' | 'formId' | 'ccEmails'>>,
): string {
  assertXmlText('subject', input.subject);
  assertXmlText('description', input.description);
  const uploads = uploadsText(input.uploads ?? []);
  return build({
    ticket: {
      subject: input.subject,
      description: input.description,
      ...(uploads === undefined ? {} : { uploads }),
      ...(input.followUpOf ? { 'via-followup-source-id': input.followUpOf } : {}),
      // The seed's custom fields and the sandbox's <ticket-form-id> (the form the customer chose).
      ...(input.formId ? { 'ticket-form-id': input.formId } : {}),
      ...(input.fields?.length ? { 'ticket-field-entries': { 'ticket-field-entry': input.fields.map(fieldEntry) } } : {}),
      // The sandbox's extension: people to copy in, by email, separated by spaces.
      ...(input.ccEmails?.length ? { collaborators: emailsText(input.ccEmails) } : {}),
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
  const ccs = input.ccEmails?.length ? build({ 'additional-collaborators': emailsText(input.ccEmails) }) : '';
  if (!input.solve && ccs === '') return buildCommentXml(input.body, input.uploads);
  const hasComment = input.body !== '' || input.uploads.length > 0;
  const comment = hasComment ? buildCommentXml(input.body, input.uploads) : '';
  // With CCs, the sandbox's <ticket> root carries them beside the comment (sandbox/README.md).
  return `<ticket>${input.solve ? '<solved>true</solved>' : ''}${ccs}${comment}</ticket>`;
}

/** Email addresses for the sandbox's <collaborators>: separated by spaces, so none may hold one. */
function emailsText(emails: readonly string[]): string {
  for (const email of emails) {
    if (!/^[^\s<>]+@[^\s<>]+$/.test(email)) throw new HelpdeskValidationError(['A CC is not an email address.'], 'cc is not an email address');
  }
  return emails.join(' ');
}
