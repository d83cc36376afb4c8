/**
 * The help desk as the portal sees it, whatever API is behind it. These are the only shapes that
 * leave `lib/helpdesk/`; nothing here names a dialect (no XML element, no JSON field).
 *
 * They are also the security boundary: a help desk answer may carry agent-only data (assignee,
 * group, priority, tags, score, custom fields, private comments, author ids), and none of these
 * types has a field that could hold it. Whatever the help desk sends beyond this is dropped while
 * reshaping (each adapter's parser), so a page cannot show what it never receives.
 */

export type RequestStatus = 'new' | 'open' | 'pending' | 'solved' | 'closed' | 'unknown';

export interface CommentAuthor {
  /** Null when the help desk does not say (the classic API never does). */
  name: string | null;
  /** `you`: the signed-in customer; `agent`: support staff; `other`: anyone else (a CC'd colleague). */
  role: 'you' | 'agent' | 'other';
}

export interface Comment {
  author: CommentAuthor;
  /** ISO 8601, UTC. */
  createdAt: string;
  body: string;
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

/** A request with its conversation. */
export interface SupportRequest extends RequestSummary {
  /** Public comments only, oldest first. */
  comments: Comment[];
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
}

export type RequestListStatus = 'open' | 'solved';

/** What the session keeps of a signed-in customer; the door turns it into a Caller. */
export interface StoredSignIn {
  requester: Requester;
  /** End-user sign-in mode only. */
  password?: string;
}

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * What this help desk can do beyond the basics. Pages ask these, never which API is in use.
 * All false for now; they turn on as the features arrive.
 */
export interface Capabilities {
  /** Files on comments (upload, list, download). */
  attachments: boolean;
  /** The customer may mark their own request solved. */
  solveRequests: boolean;
  /** Custom request fields on the new-request form. */
  customFields: boolean;
  /**
   * `whoAmI` can tell when the customer's password last changed (`Requester.passwordChangedAt`),
   * so an on-behalf-of session older than the change can be ended.
   */
  passwordChanges: boolean;
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
  /** One page (15) of the caller's requests, newest activity first. */
  listRequests(caller: Caller, options: { status: RequestListStatus; page: number }): Promise<RequestPage>;
  getRequest(caller: Caller, id: string): Promise<SupportRequest>;
  createRequest(caller: Caller, input: { subject: string; description: string }): Promise<{ id: string }>;
  addComment(caller: Caller, id: string, body: string): Promise<void>;
  /** Whether the help desk answers as an API: one quick anonymous call, no retries, no credentials. */
  probe(timeoutMs: number): Promise<Readiness>;
}
