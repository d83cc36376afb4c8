import { z } from 'zod';
import { HelpdeskBadResponseError, HelpdeskUnauthorizedError, HelpdeskValidationError } from '../errors';
import type {
  Caller,
  Comment,
  CommentAuthor,
  CommentInput,
  NewRequestInput,
  PageInfo,
  RequestPage,
  RequestPriority,
  RequestStatus,
  RequestSummary,
  RequestType,
  Requester,
  SupportRequest,
} from '../types';

/**
 * Zendesk API v2's JSON, in and out (developer.zendesk.com, "Requests", "Users › Show Self",
 * "Pagination", "Errors"). Answers are validated with zod and rebuilt field by field into domain
 * types: every field not named below (assignee_id, group_id, custom_fields, via, tags, html_body,
 * users' emails...) is dropped, and a comment marked anything but `public: true` never becomes a
 * Comment, even if the help desk wrongly sends one. Type and priority are kept: the end-user
 * Request object shows them.
 */

export const PER_PAGE = 15;

function readJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HelpdeskBadResponseError(`help desk answer is not JSON (expected a ${what})`, { cause: error });
  }
}

function validate<T extends z.ZodType>(schema: T, text: string, what: string): z.output<T> {
  const result = schema.safeParse(readJson(text, what));
  if (result.success) return result.data;
  // Paths only: values may be customer text, which does not belong in logs.
  const where = result.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)');
  throw new HelpdeskBadResponseError(`help desk answer is not a ${what} (at ${where.join(', ')})`, { cause: result.error });
}

/** Zendesk ids are JSON integers; the portal keeps them as digit strings. */
const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String);
const optionalText = z.string().nullish();

// Only the fields the portal uses are named; z.object drops the rest.
const rawRequest = z.object({
  id,
  subject: optionalText,
  description: optionalText,
  status: optionalText,
  created_at: z.string(),
  updated_at: optionalText,
});

/** The Request object's details beyond a list's summary (Requests API, "JSON format"). */
const rawRequestDetails = rawRequest.extend({
  requester_id: id.nullish(),
  type: z.unknown().optional(),
  priority: z.unknown().optional(),
  can_be_solved_by_me: z.unknown().optional(),
  // An integer in the reference; some clients' types say string: either, as long as it is digits.
  followup_source_id: z.union([id, z.string().regex(/^\d+$/)]).nullish(),
});
type RawRequest = z.infer<typeof rawRequest>;

const rawComment = z.object({
  body: optionalText,
  // The end-user endpoint lists public comments only, and its older reference omits the field;
  // when present, anything but the JSON value `true` (false, null, "true", 1) is private. Fail closed.
  public: z.unknown().optional(),
  author_id: id.nullish(),
  created_at: z.string(),
});

// Sideloaded users (`include=users`): the name to show and whether they are staff. Zendesk's User
// object (Users API, "JSON format") marks staff with `role`: "end-user", "agent" or "admin"; some
// end-user answers carry a reduced user with an `agent` boolean instead. Either counts. `photo` is
// an Attachment object or null: only whether there is one leaves this file. Their email,
// organization and the rest are dropped here.
const rawPhoto = z.object({ content_url: z.string().min(1) }).loose();
const rawUser = z.object({ id, name: optionalText, role: optionalText, agent: z.boolean().nullish(), photo: z.unknown().optional() });
type RawUser = z.infer<typeof rawUser>;
const hasPhoto = (user: RawUser | undefined) => rawPhoto.safeParse(user?.photo).success;
const isStaff = (user: { role?: string | null; agent?: boolean | null } | undefined) =>
  user?.agent === true || user?.role === 'agent' || user?.role === 'admin';

const requestDocument = z.object({ request: rawRequest });
const requestDetailsDocument = z.object({ request: rawRequestDetails, users: z.array(rawUser).nullish() });
const listDocument = z.object({
  requests: z.array(rawRequest),
  count: z.number().int().nonnegative().nullish(),
  next_page: optionalText,
  previous_page: optionalText,
});
const commentsDocument = z.object({
  comments: z.array(rawComment),
  users: z.array(rawUser).nullish(),
});
const createdDocument = z.object({ request: z.object({ id }) });
const userDocument = z.object({
  // The anonymous user: `id: null` (what users/me answers when the credentials were not accepted).
  // password_changed_at: not in Zendesk's User object; the sandbox's extension (sandbox/README.md).
  user: z.object({ id: id.nullable(), name: optionalText, email: optionalText, password_changed_at: optionalText }),
});

const statusByName = new Map<string, RequestStatus>([
  ['new', 'new'],
  ['open', 'open'],
  ['pending', 'pending'],
  // "On-hold" is the help desk's internal state; customers see such a request as open, as in Zendesk's own help center.
  ['hold', 'open'],
  ['solved', 'solved'],
  ['closed', 'closed'],
]);

function toIso(value: string | null | undefined, field: string): string {
  const time = value ? Date.parse(value.trim()) : NaN;
  if (Number.isNaN(time)) throw new HelpdeskBadResponseError(`help desk answer has no valid ${field}`);
  return new Date(time).toISOString();
}

/** The reduced view: built field by field, so nothing the help desk adds can ride along. */
function toSummary(raw: RawRequest): RequestSummary {
  const createdAt = toIso(raw.created_at, 'created_at');
  return {
    id: raw.id,
    subject: raw.subject != null && raw.subject.trim() !== '' ? raw.subject : null,
    description: raw.description ?? '',
    status: statusByName.get(raw.status?.trim() ?? '') ?? 'unknown',
    createdAt,
    updatedAt: raw.updated_at ? toIso(raw.updated_at, 'updated_at') : createdAt,
  };
}

export function parseRequestJson(text: string): RequestSummary {
  return toSummary(validate(requestDocument, text, 'request').request);
}

/**
 * A request page: Zendesk's offset pagination gives `count` and `next_page`. `wanted` are the
 * statuses asked for with `status=`: Zendesk's List Requests reference names only `sort_by` and
 * `sort_order` (the `status` filter is documented on Search Requests), so a help desk that ignores
 * the filter must not put a solved request into the open list: anything else is left out here.
 */
export function parseRequestListJson(text: string, page: number, wanted?: ReadonlySet<RequestStatus>): RequestPage {
  const answer = validate(listDocument, text, 'request list');
  const total = answer.count ?? null;
  const info: PageInfo = {
    number: page,
    pageCount: total === null ? null : Math.max(1, Math.ceil(total / PER_PAGE)),
    total,
    hasNext: Boolean(answer.next_page),
    hasPrevious: page > 1,
  };
  const requests = answer.requests.map(toSummary).filter((request) => !wanted || wanted.has(request.status));
  return { requests, page: info };
}

/** Who someone on a request is, as the customer sees them: named from the sideloaded users. */
function toAuthor(authorId: string | null, users: ReadonlyMap<string, RawUser>, caller: Caller): CommentAuthor {
  const user = authorId === null ? undefined : users.get(authorId);
  return {
    id: authorId,
    name: user?.name?.trim() || null,
    role: authorId !== null && authorId === caller.requesterId ? 'you' : isStaff(user) ? 'agent' : 'other',
    hasPhoto: hasPhoto(user),
  };
}

/** Public comments only, oldest first, each author named from the sideloaded users. */
export function parseCommentsJson(text: string, caller: Caller): Comment[] {
  const answer = validate(commentsDocument, text, 'comment list');
  const users = new Map((answer.users ?? []).map((user) => [user.id, user]));
  return answer.comments
    .filter((comment) => comment.public === undefined || comment.public === true)
    .map((comment): Comment => ({
      author: toAuthor(comment.author_id ?? null, users, caller),
      createdAt: toIso(comment.created_at, 'comment created_at'),
      body: comment.body ?? '',
      attachments: [],
    }))
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)); // stable: ties keep help desk order
}

const TYPES: ReadonlySet<unknown> = new Set<RequestType>(['question', 'incident', 'problem', 'task']);
const PRIORITIES: ReadonlySet<unknown> = new Set<RequestPriority>(['low', 'normal', 'high', 'urgent']);

export type RequestDetails = Omit<SupportRequest, 'comments'>;

/** One request with its details (`GET /api/v2/requests/{id}.json?include=users`): the requester named from the sideload. */
export function parseRequestDetailsJson(text: string, caller: Caller): RequestDetails {
  const { request, users } = validate(requestDetailsDocument, text, 'request');
  const people = new Map((users ?? []).map((user) => [user.id, user]));
  return {
    ...toSummary(request),
    requester: toAuthor(request.requester_id ?? caller.requesterId, people, caller),
    type: TYPES.has(request.type) ? (request.type as RequestType) : null,
    priority: PRIORITIES.has(request.priority) ? (request.priority as RequestPriority) : null,
    // Only the JSON value true: anything else (absent, "true", 1) leaves the button away.
    canBeSolvedByMe: request.can_be_solved_by_me === true,
    followUpOf: request.followup_source_id == null ? null : String(request.followup_source_id),
  };
}

export function toSupportRequest(request: RequestDetails, comments: Comment[]): SupportRequest {
  return { ...request, comments };
}

export function parseUserJson(text: string): Requester {
  const { user } = validate(userDocument, text, 'user');
  // Credentials the help desk did not recognise may get its anonymous user instead of a 401.
  if (user.id === null) throw new HelpdeskUnauthorizedError('help desk answered the current user without an id (anonymous)');
  const email = user.email?.trim() ?? '';
  if (email === '') throw new HelpdeskBadResponseError('help desk answered the current user without an email');
  const changed = user.password_changed_at?.trim();
  return { id: user.id, name: user.name?.trim() || email, email, ...(changed ? { passwordChangedAt: toIso(changed, 'password_changed_at') } : {}) };
}

/** The new request's id from a create answer; null when it has none. */
export function parseCreatedRequestId(text: string): string | null {
  try {
    return validate(createdDocument, text, 'request').request.id;
  } catch {
    return null;
  }
}

const errorDocument = z.object({
  // A short code ("RecordInvalid"), or on some endpoints an object with a title and message.
  error: z.union([z.string(), z.object({ title: optionalText, message: optionalText })]).nullish(),
  description: optionalText,
  // Field name → reasons, on 422 RecordInvalid.
  details: z.record(z.string(), z.array(z.object({ description: optionalText }).loose()).or(z.unknown())).nullish(),
});

/**
 * The help desk's own reasons from `{"error", "description", "details"}`: each detail's
 * description, else the description, else the error object's message. Best effort: [] otherwise.
 */
export function parseErrorsJson(text: string): string[] {
  let answer: z.infer<typeof errorDocument>;
  try {
    answer = validate(errorDocument, text, 'error');
  } catch {
    return [];
  }
  const clean = (messages: (string | null | undefined)[]) => messages.map((m) => m?.trim() ?? '').filter((m) => m !== '');
  const details = clean(
    Object.values(answer.details ?? {}).flatMap((reasons) =>
      Array.isArray(reasons) ? reasons.map((reason: { description?: string | null }) => reason.description) : [],
    ),
  );
  if (details.length > 0) return details;
  const description = clean([answer.description]);
  if (description.length > 0) return description;
  return typeof answer.error === 'object' && answer.error !== null ? clean([answer.error.message]) : [];
}

/** Upload tokens are the help desk's own short words; anything else is not sent. */
const UPLOAD_TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

function checkedUploads(uploads: readonly string[]): string[] {
  for (const token of uploads) {
    if (!UPLOAD_TOKEN.test(token)) throw new HelpdeskValidationError(['An upload token is not valid.'], 'upload token is not a help desk token');
  }
  return [...uploads];
}

/** A comment: its body, and its files' upload tokens when there are any. */
function commentJson(body: string, uploads: readonly string[]): Record<string, unknown> {
  const tokens = checkedUploads(uploads);
  return tokens.length > 0 ? { body, uploads: tokens } : { body };
}

/**
 * The bodies the portal sends: a subject and a first comment (with its files, and the closed
 * request it follows up), or an update. Nothing else can go.
 */
export function buildNewRequestJson(input: Pick<NewRequestInput, 'subject' | 'description'> & Partial<Pick<NewRequestInput, 'uploads' | 'followUpOf'>>): string {
  const request: Record<string, unknown> = { subject: input.subject, comment: commentJson(input.description, input.uploads ?? []) };
  // The reference's follow-up: "include a via_followup_source_id property … that specifies the closed ticket".
  if (input.followUpOf) request['via_followup_source_id'] = Number(input.followUpOf);
  return JSON.stringify({ request });
}

/** Update Request: a comment, `solved: true`, or both, in one body (the comment left out when it has neither text nor files). */
export function buildCommentJson(input: CommentInput): string {
  const request: Record<string, unknown> = {};
  if (!input.solve || input.body !== '' || input.uploads.length > 0) request['comment'] = commentJson(input.body, input.uploads);
  if (input.solve) request['solved'] = true;
  return JSON.stringify({ request });
}
