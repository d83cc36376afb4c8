/**
 * The help desk as the portal sees it, whatever API is behind it. These are the only shapes that
 * leave `lib/helpdesk/`; nothing here names a dialect (no XML element, no JSON field).
 *
 * They are also the security boundary: a help desk answer may carry agent-only data (assignee,
 * group, tags, score, agent-only fields, private comments and their files, download addresses and
 * tokens, people's emails), and none of these types has a field that could hold it. (Type and
 * priority are in the end-user view of both APIs, so they are shown; author ids only pick which
 * photo the portal may fetch.) Whatever the help desk sends beyond this is dropped while
 * reshaping (each adapter's parser), so a page cannot show what it never receives.
 */

export type RequestStatus = 'new' | 'open' | 'pending' | 'solved' | 'closed' | 'unknown';

export interface CommentAuthor {
  /** The help desk's user id (digits); null when the help desk does not say. */
  id: string | null;
  /** Null when the help desk does not say. */
  name: string | null;
  /** `you`: the signed-in customer; `agent`: support staff; `other`: anyone else (a CC'd colleague). */
  role: 'you' | 'agent' | 'other';
  /**
   * Whether the help desk has a photo of this person. The photo itself is fetched through the
   * portal (never the help desk's own address in the page); without one, the page shows initials.
   */
  hasPhoto: boolean;
}

/**
 * A file on a public comment, as the customer may see it. Never the help desk's download address
 * or token: the portal streams the file itself (`Helpdesk.openAttachment`).
 */
export interface Attachment {
  /** The help desk's attachment id, digits. */
  id: string;
  fileName: string;
  /** The media type the help desk recorded (lower case, no parameters); `application/octet-stream` when it said none. */
  contentType: string;
  /** Bytes; null when the help desk does not say. */
  size: number | null;
}

export interface Comment {
  author: CommentAuthor;
  /** ISO 8601, UTC. */
  createdAt: string;
  body: string;
  /** Its files, in the help desk's order; empty when none. */
  attachments: Attachment[];
}

/** A request as a list shows it. */
export interface RequestSummary {
  /** The help desk's request number, always digits. */
  id: string;
  /** Null when the help desk sent none or an empty one (the UI picks what to show instead). */
  subject: string | null;
  description: string;
  status: RequestStatus;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** ISO 8601, UTC; the creation time when the help desk sent none. */
  updatedAt: string;
}

export type RequestType = 'question' | 'incident' | 'problem' | 'task';
export type RequestPriority = 'low' | 'normal' | 'high' | 'urgent';

/** A request with its conversation and the details an end user may see. */
export interface SupportRequest extends RequestSummary {
  /** Public comments only, oldest first. */
  comments: Comment[];
  /** Who asked: the customer themself (`role: 'you'`) or, on a request they are copied on, someone else. */
  requester: CommentAuthor;
  /** Null when unset or when the help desk does not show it to end users. */
  type: RequestType | null;
  priority: RequestPriority | null;
  /** The help desk lets this customer mark it solved now (v2 `can_be_solved_by_me`). */
  canBeSolvedByMe: boolean;
  /** The closed request this one follows up, if any (digits). */
  followUpOf: string | null;
  /**
   * The customer's answers to the help desk's own fields, only fields visible to end users, in the
   * help desk's order, named from the (cached) definitions; absent where the help desk has none.
   */
  answers?: FieldAnswer[];
  /** Who is copied on it (CCs), in the help desk's order; empty when none or the help desk does not say. */
  ccs: CopiedPerson[];
  /**
   * Why the customer may see it: their own (`requester`), copied on it (`cc`), or a request of their
   * shared organization (`organization`: they may reply only where it shares comments too).
   */
  access: RequestAccess;
}

/**
 * Someone copied on a request, as the customer may see them: a name, never an email (the help
 * desk's user may carry one; it is dropped while reshaping, and this type has no field for it).
 */
export interface CopiedPerson {
  /** The help desk's user id (digits). */
  id: string;
  /** Null when the help desk does not say (the page then names no one, rather than an address). */
  name: string | null;
  /** The signed-in customer themself. */
  you: boolean;
}

export type RequestAccess = 'requester' | 'cc' | 'organization';

/**
 * The customer's organization as the sign-in call tells it: only whether its members see (and
 * answer) each other's requests, which decides the "My organization" list without a call per page.
 */
export interface OrganizationSharing {
  /** The help desk's organization id (digits). */
  id: string;
  sharedTickets: boolean;
  sharedComments: boolean;
}

/** Where a list page stands; each adapter fills in what its API tells. */
export interface PageInfo {
  /** 1-based. */
  number: number;
  /** Null when the help desk does not say how many pages there are. */
  pageCount: number | null;
  /** How many requests in all, when known. */
  total: number | null;
  hasNext: boolean;
  hasPrevious: boolean;
}

export interface RequestPage {
  requests: RequestSummary[];
  page: PageInfo;
}

/** A request a search found. */
export interface RequestMatch extends RequestSummary {
  /**
   * A short excerpt of the conversation around the words that matched, as plain text (never markup:
   * the page marks the words itself); null when the help desk gives none (Zendesk's Search Requests
   * gives none; the sandbox gives one when the words matched in the conversation).
   */
  snippet: string | null;
}

export interface SearchPage {
  requests: RequestMatch[];
  page: PageInfo;
}

export interface Requester {
  id: string;
  name: string;
  email: string;
  /**
   * ISO 8601, UTC: when the customer's password last changed at the help desk. Only from `whoAmI`,
   * and only where the help desk says (`capabilities.passwordChanges`); absent when it never
   * changed or the help desk does not tell. Not kept in the session.
   */
  passwordChangedAt?: string;
  /** From `whoAmI` at sign-in, kept in the session: the customer's organization, where the help desk says. */
  organization?: OrganizationSharing;
}

/**
 * Whose help desk account a call uses, built only by the door (`passwordCredentials`,
 * `callerFor`, `onBehalfOf`). How it becomes headers (Basic, API token, OAuth, an agent's
 * X-On-Behalf-Of) is each adapter's business and its configuration's.
 */
export type Credentials =
  | { kind: 'password'; email: string; password: string }
  | { kind: 'on-behalf-of'; email: string };

/** Who is calling: credentials plus the requester's help desk id (to tell "you" from others on comments). */
export interface Caller {
  credentials: Credentials;
  requesterId: string;
  /** The customer's organization (from the session), for the organization's list; absent when none. */
  organizationId?: string;
}

/**
 * Which of the caller's requests a list shows: `open`, everything not yet solved (awaiting your
 * reply included, as the seed's own list); `pending`, awaiting the customer's reply; `solved`,
 * solved or closed; `all`.
 */
export type RequestListStatus = 'open' | 'pending' | 'solved' | 'all';

/** A list's order: by last update or by creation, newest (`desc`) or oldest (`asc`) first. */
export interface RequestSort {
  by: 'updated' | 'created';
  direction: 'desc' | 'asc';
}

/**
 * Whose requests a list shows: the customer's own (`mine`, the default), those they are copied on
 * (`ccd`), or their shared organization's (`organization`; needs `Caller.organizationId`).
 */
export type RequestListView = 'mine' | 'ccd' | 'organization';

export interface RequestListOptions {
  /** Left out: the customer's own. */
  view?: RequestListView;
  status: RequestListStatus;
  /** 1-based. */
  page: number;
  /** Left out: last update, newest first. */
  sort?: RequestSort;
}

export interface RequestSearchOptions extends RequestListOptions {
  /** The customer's words, as typed (trimmed, not empty); how they match is the help desk's search. */
  query: string;
}

/** What the session keeps of a signed-in customer; the door turns it into a Caller. */
export interface StoredSignIn {
  requester: Requester;
  /** End-user sign-in mode only. */
  password?: string;
}

/** A file on its way to the help desk: read once, streamed, never held whole in memory. */
export interface FileUpload {
  fileName: string;
  /** As the browser said, checked against the portal's rules before this is built. */
  contentType: string;
  /** Bytes, known before sending (Content-Length or counted by the form parser's limit). */
  size: number;
  body: ReadableStream<Uint8Array>;
}

/** What the help desk gave back for an upload: the token to name in a request or comment. */
export interface UploadReceipt {
  token: string;
  attachment: Attachment;
}

/** A file being streamed back from the help desk, after it was checked to be the customer's to see. */
export interface FileDownload {
  attachment: Attachment;
  body: ReadableStream<Uint8Array>;
}

export interface NewRequestInput {
  subject: string;
  description: string;
  /** Upload tokens (`uploadFile`) to attach to the first comment. */
  uploads: string[];
  /** A closed request this one follows up (digits), or null. */
  followUpOf: string | null;
  /** Answers to the help desk's own fields (`requestFields`), already checked against their rules. */
  fields?: FieldInput[];
  /** The request form the customer chose (`RequestFieldSet.forms`), or null for none. */
  formId?: string | null;
  /** People to copy in, by email (checked by the form; only where `capabilities.ccs`). */
  ccEmails?: string[];
}

export interface CommentInput {
  /** May be empty only when `solve` is true (mark solved without a last word). */
  body: string;
  uploads: string[];
  /** Also mark the request solved (only where `capabilities.solveRequests` and `canBeSolvedByMe`). */
  solve: boolean;
  /** More people to copy in with it, by email (only where `capabilities.ccs`). */
  ccEmails?: string[];
}

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * What this help desk can do beyond the basics. Pages ask these, never which API is in use.
 */
export interface Capabilities {
  /** Files on comments (upload, list, download). */
  attachments: boolean;
  /** The customer may mark their own request solved. */
  solveRequests: boolean;
  /** Custom request fields on the new-request form. */
  customFields: boolean;
  /** Searching the caller's requests by their words (`searchRequests`). */
  search: boolean;
  /**
   * `whoAmI` can tell when the customer's password last changed (`Requester.passwordChangedAt`),
   * so an on-behalf-of session older than the change can be ended.
   */
  passwordChanges: boolean;
  /** The customer may copy people in by email on a new request and a reply, and sees who is copied. */
  ccs: boolean;
  /**
   * Lists beyond the customer's own: the requests they are copied on, and their shared
   * organization's (`listRequests` with `view`).
   */
  sharedLists: boolean;
}

/**
 * The door: everything the portal does with the help desk. `getHelpdesk()` picks the adapter once
 * (HELPDESK_API); each adapter lives in its own folder and implements exactly this.
 */
export interface Helpdesk {
  readonly capabilities: Capabilities;
  /**
   * `end-user`: the portal calls as the customer with their password, so the session must keep it.
   * `on-behalf-of`: the portal holds credentials of its own that act for any customer.
   */
  readonly signInMode: 'end-user' | 'on-behalf-of';
  /** A customer's email and password, as typed on the sign-in form. */
  passwordCredentials(email: string, password: string): Credentials;
  /** Credentials that act for `email` without their password (single sign-on); null in end-user mode. */
  onBehalfOf(email: string): Credentials | null;
  /** The caller for a stored sign-in; null when it cannot call (end-user mode, no password kept). */
  callerFor(stored: StoredSignIn): Caller | null;
  /** Who the credentials belong to; also how sign-in checks them (unauthorized: no match). */
  whoAmI(credentials: Credentials): Promise<Requester>;
  /**
   * The last page number each list can serve: beyond it the help desk's API refuses (offset paging
   * limits), so a page past it is not asked for at all (listRequests and searchRequests throw
   * HelpdeskNotFoundError without a call).
   */
  readonly lastPage: { list: number; search: number };
  /** One page (15) of the caller's requests in a status, newest activity first unless `sort` says otherwise: one call. */
  listRequests(caller: Caller, options: RequestListOptions): Promise<RequestPage>;
  /**
   * One page (15) of the caller's requests that match their words, filtered and sorted as a list:
   * one call. Apart from listRequests because it is another endpoint with its own limits in each
   * API (v2's Search Requests stops at 1,000 results), its matches carry snippets, and a help desk
   * may have none (`capabilities.search`).
   */
  searchRequests(caller: Caller, options: RequestSearchOptions): Promise<SearchPage>;
  getRequest(caller: Caller, id: string): Promise<SupportRequest>;
  createRequest(caller: Caller, input: NewRequestInput): Promise<{ id: string }>;
  /** A public comment, with files, and/or marking the request solved: one help desk call. */
  addComment(caller: Caller, id: string, input: CommentInput): Promise<void>;
  /** One file to the help desk's upload API (one call); the token goes into createRequest/addComment. */
  uploadFile(caller: Caller, file: FileUpload): Promise<UploadReceipt>;
  /**
   * A file of a public comment on one of the caller's requests, streamed from the help desk: one
   * call to find it among the request's public comments (not found there: HelpdeskNotFoundError,
   * whoever's it is), one to fetch it.
   */
  openAttachment(caller: Caller, requestId: string, attachmentId: string): Promise<FileDownload>;
  /** The photo of someone on the caller's request (a comment author), streamed as openAttachment is. */
  openPhoto(caller: Caller, requestId: string, userId: string): Promise<FileDownload>;
  /**
   * The help desk's own fields an end user sees, and its end-user request forms: cached briefly
   * (HELPDESK_FIELDS_TTL_SECONDS), so a page costs no call while the cache is warm.
   */
  requestFields(caller: Caller): Promise<RequestFieldSet>;
  /** Whether the help desk answers as an API: one quick anonymous call, no retries, no credentials. */
  probe(timeoutMs: number): Promise<Readiness>;
}

// ---- The help desk's own fields: custom ticket fields and request forms ----------------------
// Only fields the help desk marks visible to end users ever become a RequestField or a
// FieldAnswer: each adapter drops the others while parsing (an agent-only field has no way in).

export type RequestFieldType = 'text' | 'textarea' | 'checkbox' | 'dropdown' | 'multiselect' | 'date' | 'integer' | 'decimal' | 'regexp';

export interface RequestFieldOption {
  /** What is sent and stored (the help desk's tag). */
  value: string;
  /** What the customer reads. */
  label: string;
}

export interface RequestField {
  /** The help desk's field id, digits. */
  id: string;
  type: RequestFieldType;
  /** The title end users see. */
  title: string;
  description: string | null;
  /** The customer may fill it in (a visible field may be read-only: shown on the request only). */
  editable: boolean;
  required: boolean;
  /** `regexp` only: the help desk's validation pattern. */
  pattern: string | null;
  /** Drop-down and multi-select only, in the help desk's order. */
  options: RequestFieldOption[];
  /** Option values the help desk marks as the default. */
  defaults: string[];
}

export interface RequestForm {
  id: string;
  /** The name end users see. */
  name: string;
  /** Its fields, in the form's order. */
  fieldIds: string[];
}

export interface RequestFieldSet {
  /** Every field visible to end users, in the help desk's order. */
  fields: RequestField[];
  /** The end-user visible request forms, in order; empty when the help desk has none. */
  forms: RequestForm[];
}

/** A value as the portal sends it: text, a checkbox's state, a multi-select's option values. */
export type FieldValue = string | boolean | string[];

export interface FieldInput {
  fieldId: string;
  value: FieldValue;
}

/** An answer on a request, as the customer sees it. */
export interface FieldAnswer {
  fieldId: string;
  title: string;
  type: RequestFieldType;
  /** Option labels (drop-down, multi-select); `true`/`false` (checkbox); else the text, one item. */
  values: string[];
}
