// What an agent may send in a ticket body (POST/PUT /tickets), read into a
// typed object. Only shape and types are checked here; whether the ids exist
// and how assignee and group fit together is decided in ticket-rules.ts.
import { unprocessable } from './errors';
import {
  childrenByName, expectRoot, MAX_SUBJECT, readBool, readEmail, readInt, readNullableId, readNullableText, readTags,
  readText,
} from './input';
import type { XmlElement } from './xml';

export interface CommentInput {
  value: string;
  isPublic: boolean;
  /** Upload tokens whose files the comment carries. */
  uploads?: readonly string[];
}

export interface TicketInput {
  subject?: string;
  description?: string;
  requesterId?: number;
  requesterName?: string;
  requesterEmail?: string;
  priorityId?: number;
  statusId?: number;
  ticketTypeId?: number;
  assigneeId?: number | null;
  groupId?: number | null;
  externalId?: string | null;
  setTags?: string[];
  additionalTags?: string[];
  removeTags?: string[];
  fieldEntries?: { fieldId: number; value: string }[];
  comment?: CommentInput;
}

const COMMON = [
  'subject', 'requester-id', 'priority-id', 'status-id', 'ticket-type-id', 'assignee-id', 'group-id', 'external-id',
  'set-tags', 'additional-tags', 'remove-tags', 'ticket-field-entries',
];
const CREATE_ONLY = ['description', 'requester-name', 'requester-email'];
const UPDATE_ONLY = ['comment'];
const TWITTER = ['twitter-status-message-id', 'monitored-twitter-handle-id'];

/** `<comment><value/><is-public/><uploads/></comment>`; is-public defaults to true. */
export function readComment(e: XmlElement, allowPrivate: boolean): CommentInput {
  const allowed = new Set(allowPrivate ? ['value', 'is-public', 'uploads'] : ['value', 'uploads']);
  const parts = childrenByName(e, allowed);
  const value = parts.get('value');
  if (!value) throw unprocessable('<comment> needs a <value>');
  const isPublic = parts.get('is-public');
  const uploads = parts.get('uploads');
  return {
    value: readText(value, { required: true }),
    isPublic: isPublic ? readBool(isPublic) : true,
    ...(uploads ? { uploads: readUploads(uploads) } : {}),
  };
}

const UPLOAD_TOKEN = /^[A-Za-z0-9_-]{1,100}$/;
export const MAX_UPLOADS_PER_COMMENT = 50;

/** The sandbox's `<uploads>TOKEN TOKEN</uploads>`: upload tokens separated by whitespace. */
export function readUploads(e: XmlElement): string[] {
  const tokens = readText(e).split(/\s+/).filter(Boolean);
  for (const token of tokens) if (!UPLOAD_TOKEN.test(token)) throw unprocessable(`<uploads>: "${token.slice(0, 40)}" is not an upload token`);
  if (tokens.length > MAX_UPLOADS_PER_COMMENT) throw unprocessable(`<uploads>: at most ${MAX_UPLOADS_PER_COMMENT} upload tokens on one comment`);
  return tokens;
}

export function readFieldEntries(e: XmlElement): { fieldId: number; value: string }[] {
  const seen = new Set<number>();
  return e.children.map((entry) => {
    if (entry.name !== 'ticket-field-entry') throw unprocessable(`Unknown element <${entry.name}> in <ticket-field-entries>`);
    const parts = childrenByName(entry, new Set(['ticket-field-id', 'value']));
    const id = parts.get('ticket-field-id');
    if (!id) throw unprocessable('<ticket-field-entry> needs a <ticket-field-id>');
    const fieldId = readInt(id, 1, Number.MAX_SAFE_INTEGER);
    if (seen.has(fieldId)) throw unprocessable(`Ticket field ${fieldId} is given more than once`);
    seen.add(fieldId);
    const value = parts.get('value');
    return { fieldId, value: value ? readText(value) : '' };
  });
}

export function readTicketInput(root: XmlElement, mode: 'create' | 'update'): TicketInput {
  if (mode === 'update' && root.name === 'comment') return { comment: readComment(root, true) };
  expectRoot(root, ...(mode === 'update' ? ['ticket', 'comment'] : ['ticket']));
  for (const child of root.children) {
    if (TWITTER.includes(child.name)) throw unprocessable(`<${child.name}>: creating tickets from Twitter is not supported by the sandbox`);
    if (mode === 'update' && CREATE_ONLY.includes(child.name)) {
      throw unprocessable(`<${child.name}> can only be given when the ticket is created`);
    }
    if (mode === 'create' && UPDATE_ONLY.includes(child.name)) {
      throw unprocessable('<comment> cannot be given when creating a ticket: the <description> is the first comment');
    }
  }
  const el = childrenByName(root, new Set([...COMMON, ...(mode === 'create' ? CREATE_ONLY : UPDATE_ONLY)]));
  const input: TicketInput = {};
  const get = (name: string) => el.get(name);
  let e: XmlElement | undefined;
  if ((e = get('subject'))) input.subject = readText(e, { max: MAX_SUBJECT });
  if ((e = get('description'))) input.description = readText(e, { required: true });
  if ((e = get('requester-id'))) input.requesterId = readInt(e, 1, Number.MAX_SAFE_INTEGER);
  if ((e = get('requester-name'))) input.requesterName = readText(e, { required: true, max: 100 });
  if ((e = get('requester-email'))) input.requesterEmail = readEmail(e);
  if ((e = get('priority-id'))) input.priorityId = readInt(e, 0, 4);
  if ((e = get('status-id'))) input.statusId = readInt(e, 0, 4);
  if ((e = get('ticket-type-id'))) input.ticketTypeId = readInt(e, 0, 4);
  if ((e = get('assignee-id'))) input.assigneeId = readNullableId(e);
  if ((e = get('group-id'))) input.groupId = readNullableId(e);
  if ((e = get('external-id'))) input.externalId = readNullableText(e);
  if ((e = get('set-tags'))) input.setTags = readTags(e);
  if ((e = get('additional-tags'))) input.additionalTags = readTags(e);
  if ((e = get('remove-tags'))) input.removeTags = readTags(e);
  if ((e = get('ticket-field-entries'))) input.fieldEntries = readFieldEntries(e);
  if ((e = get('comment'))) input.comment = readComment(e, true);

  if (mode === 'create' && input.description === undefined) throw unprocessable('<description> is required');
  if (input.requesterId !== undefined && input.requesterEmail !== undefined) {
    throw unprocessable('Give either <requester-id> or <requester-email>, not both');
  }
  if (input.requesterName !== undefined && input.requesterEmail === undefined) {
    throw unprocessable('<requester-name> needs a <requester-email>');
  }
  return input;
}
