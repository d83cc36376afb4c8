import { z } from 'zod';
import { HelpdeskBadResponseError, HelpdeskUnauthorizedError } from '../errors';
import { id, optionalText, toIso, validate } from './document';
import type {
  Caller,
  Comment,
  CommentAuthor,
  FieldAnswer,
  CopiedPerson,
  PageInfo,
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

/**
 * Zendesk API v2's JSON, in and out (developer.zendesk.com, "Requests", "Users › Show Self",
 * "Pagination", "Errors"). Answers are validated with zod and rebuilt field by field into domain
 * types: every field not named below (assignee_id, group_id, custom_fields, via, tags, html_body,
 * users' emails...) is dropped, and a comment marked anything but `public: true` never becomes a
 * Comment, even if the help desk wrongly sends one. Type and priority are kept: the end-user
 * Request object shows them.
 */

export const PER_PAGE = 15;

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
  // Who is copied on it (the Request object's collaborator_ids and, with CCs and followers,
  // email_cc_ids), named from the sideloaded users (Show Request's include=users: "the email ccs").
  collaborator_ids: z.array(id).nullish(),
  email_cc_ids: z.array(id).nullish(),
});
type RawRequest = z.infer<typeof rawRequest>;

// The Attachment object (Ticket Attachments reference). Its content_url never leaves this folder.
// `name`: what older examples (the Requests reference's comment example) call `file_name`.
const rawAttachment = z.object({ id, file_name: optionalText, name: optionalText, content_url: optionalText, content_type: optionalText, size: z.number().nullish() });
type RawAttachment = z.infer<typeof rawAttachment>;
// A user's photo: an Attachment with thumbnails (the first is the small one, enough for an avatar).
const rawPhoto = rawAttachment.extend({ content_url: z.string().min(1), thumbnails: z.array(rawAttachment).nullish() });

const rawComment = z.object({
  body: optionalText,
  attachments: z.array(rawAttachment).nullish(),
  // The end-user endpoint lists public comments only, and its older reference omits the field;
  // when present, anything but the JSON value `true` (false, null, "true", 1) is private. Fail closed.
  public: z.unknown().optional(),
  author_id: id.nullish(),
  created_at: z.string(),
});

// Sideloaded users (`include=users`): the name to show and whether they are staff. Zendesk's User
// object (Users API, "JSON format") marks staff with `role`: "end-user", "agent" or "admin"; some
// end-user answers carry a reduced user with an `agent` boolean instead. Either counts. `photo` is
// an Attachment object or null: only whether there is one leaves this folder. Their email,
// organization and the rest are dropped here.
const rawUser = z.object({ id, name: optionalText, role: optionalText, agent: z.boolean().nullish(), photo: z.unknown().optional() });
type RawUser = z.infer<typeof rawUser>;
const photoOf = (user: RawUser | undefined) => {
  const parsed = rawPhoto.safeParse(user?.photo);
  return parsed.success ? parsed.data : undefined;
};
const hasPhoto = (user: RawUser | undefined) => photoOf(user) !== undefined;

/** A file and where the help desk keeps it. */
function toFound(raw: RawAttachment): FoundFile {
  return {
    attachment: toAttachment({ id: raw.id, fileName: raw.file_name ?? raw.name, contentType: raw.content_type, size: raw.size }),
    contentUrl: raw.content_url?.trim() ?? '',
  };
}
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
  user: z.object({ id: id.nullable(), name: optionalText, email: optionalText, password_changed_at: optionalText, organization_id: id.nullish() }),
  // include=organizations (Side-loading): the Organization object's shared_tickets and shared_comments.
  organizations: z.array(z.object({ id, shared_tickets: z.unknown().optional(), shared_comments: z.unknown().optional() })).nullish(),
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
  const requests = answer.requests.map(toSummary).filter((request) => belongsIn(wanted, request.status));
  return { requests, page: info };
}

/**
 * A Search Requests page: the list's shape (`requests`, `count`, `next_page`). Zendesk gives no
 * snippet, so none. `count` is every match, but paging stops at `lastPage` (1,000 results), so the
 * page count and "next" stop there too.
 */
export function parseSearchJson(text: string, page: number, lastPage: number, wanted?: ReadonlySet<RequestStatus>): SearchPage {
  const { requests, page: info } = parseRequestListJson(text, page, wanted);
  return {
    requests: requests.map((request) => ({ ...request, snippet: null })),
    page: { ...info, pageCount: info.pageCount === null ? null : Math.min(info.pageCount, lastPage), hasNext: info.hasNext && page < lastPage },
  };
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
  return publicComments(answer)
    .map((comment): Comment => ({
      author: toAuthor(comment.author_id ?? null, users, caller),
      createdAt: toIso(comment.created_at, 'comment created_at'),
      body: comment.body ?? '',
      attachments: (comment.attachments ?? []).map((a) => toFound(a).attachment),
    }))
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)); // stable: ties keep help desk order
}

/** The comments a customer may see: the end-user endpoint lists public ones only, and anything else is dropped anyway. */
const publicComments = (answer: z.infer<typeof commentsDocument>) => answer.comments.filter((comment) => comment.public === undefined || comment.public === true);

/** A file of one of the request's public comments (from the comments call), with its address; null when there is none by that id. */
export function findAttachmentJson(text: string, attachmentId: string): FoundFile | null {
  for (const comment of publicComments(validate(commentsDocument, text, 'comment list'))) {
    const raw = comment.attachments?.find((a) => a.id === attachmentId);
    if (raw) return toFound(raw);
  }
  return null;
}

/** The photo (its small thumbnail when there is one) of someone who wrote a public comment, from the comments call's users; null otherwise. */
export function findPhotoJson(text: string, userId: string): FoundFile | null {
  const answer = validate(commentsDocument, text, 'comment list');
  if (!publicComments(answer).some((comment) => comment.author_id === userId)) return null;
  const photo = photoOf(answer.users?.find((user) => user.id === userId));
  if (!photo) return null;
  const thumbnail = photo.thumbnails?.find((t) => t.content_url?.trim());
  return toFound(thumbnail ?? photo);
}

const uploadDocument = z.object({
  upload: z.object({ token: z.string(), attachment: rawAttachment.nullish(), attachments: z.array(rawAttachment).nullish() }),
});

/** Upload Files' answer: the token, and the file it took (`attachment`; the last of `attachments` if a help desk sends only those). */
export function parseUploadJson(text: string): UploadReceipt {
  const { upload } = validate(uploadDocument, text, 'upload');
  if (!UPLOAD_TOKEN.test(upload.token)) throw new HelpdeskBadResponseError('help desk answered an upload without a usable token');
  const file = upload.attachment ?? upload.attachments?.at(-1);
  if (!file) throw new HelpdeskBadResponseError('help desk answered an upload without its file');
  return { token: upload.token, attachment: toFound(file).attachment };
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
    ...copiedPeople(request, people, caller),
  };
}

/** The CCs, named from the sideloaded users (never their emails), and why the caller may see it. */
function copiedPeople(request: z.infer<typeof rawRequestDetails>, people: ReadonlyMap<string, RawUser>, caller: Caller): Pick<SupportRequest, 'ccs' | 'access'> {
  const ids = [...new Set([...(request.email_cc_ids ?? []), ...(request.collaborator_ids ?? [])])];
  const ccs = ids.map((ccId): CopiedPerson => ({ id: ccId, name: ccName(people.get(ccId)?.name), you: ccId === caller.requesterId }));
  return { ccs, access: accessOf(request.requester_id ?? caller.requesterId, ccs, caller) };
}

export function toSupportRequest(request: RequestDetails, comments: Comment[], answers?: FieldAnswer[]): SupportRequest {
  return { ...request, comments, ...(answers ? { answers } : {}) };
}

export function parseUserJson(text: string): Requester {
  const { user, organizations } = validate(userDocument, text, 'user');
  // Credentials the help desk did not recognise may get its anonymous user instead of a 401.
  if (user.id === null) throw new HelpdeskUnauthorizedError('help desk answered the current user without an id (anonymous)');
  const email = user.email?.trim() ?? '';
  if (email === '') throw new HelpdeskBadResponseError('help desk answered the current user without an email');
  const changed = user.password_changed_at?.trim();
  // Only the JSON value true shares: anything else (absent, "true") keeps the list away.
  const org = organizations?.find((o) => o.id === user.organization_id);
  const organization = organizationSharing(user.organization_id, org?.shared_tickets === true, org?.shared_comments === true);
  return { id: user.id, name: user.name?.trim() || email, email, ...(changed ? { passwordChangedAt: toIso(changed, 'password_changed_at') } : {}), ...organization };
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
