/**
 * The help desk as the portal sees it. These are the only shapes that leave `lib/helpdesk/`.
 *
 * They are also the security boundary: a help desk answer may carry agent-only data (assignee,
 * group, priority, tags, score, custom fields, private comments, author ids), and none of these
 * types has a field that could hold it. Whatever the help desk sends beyond this is dropped while
 * reshaping (see `xml.ts`), so a page cannot show what it never receives.
 */

export type RequestStatus = 'new' | 'open' | 'pending' | 'solved' | 'closed' | 'unknown';

export interface Comment {
  author: 'you' | 'support';
  /** ISO 8601, UTC. */
  createdAt: string;
  body: string;
}

export interface SupportRequest {
  /** The help desk's request number (its `nice-id`), always digits. */
  id: string;
  /** Null when the help desk sent none or an empty one; `title` is what a page shows. */
  subject: string | null;
  /** The subject, or the description's first line, or "Request #id": never empty. */
  title: string;
  description: string;
  status: RequestStatus;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** ISO 8601, UTC; the creation time when the help desk sent none. */
  updatedAt: string;
  /** Public comments only, oldest first. */
  comments: Comment[];
}

export interface RequestPage {
  requests: SupportRequest[];
  total: number;
  page: number;
  pageCount: number;
  /** The help desk's fixed page size. */
  perPage: 15;
}

export interface Requester {
  id: string;
  name: string;
  email: string;
}

/** How the portal authenticates a call: as the end user, or as the portal's agent on the user's behalf. */
export type HelpdeskAuth =
  | { kind: 'end-user'; email: string; password: string }
  | { kind: 'on-behalf-of'; agentEmail: string; agentPassword: string; userEmail: string };

/** Who is calling: the auth plus the requester's help desk id (to tell "you" from "support" on comments). */
export interface Caller {
  auth: HelpdeskAuth;
  requesterId: string;
}

export type RequestListStatus = 'open' | 'solved';
