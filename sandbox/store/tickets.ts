// Tickets, their comments and custom field entries. No rules live here: the
// routes decide what may change, this file only reads and writes rows.
import type { Db } from '../db';
import type { AttachmentRow } from './files';

export const STATUS = { new: 0, open: 1, pending: 2, solved: 3, closed: 4 } as const;
/** The seed's type table: 0 no type set, 1 question, 2 incident, 3 problem, 4 task. */
export const TICKET_TYPE = { none: 0, question: 1, incident: 2, problem: 3, task: 4 } as const;
export const VIA_WEB_SERVICE = 5;
export const PAGE_SIZE = 15;

/** How a list is ordered: by the time it was last updated or created, ties by id the same way. */
export interface ListOrder {
  by: 'updated_at' | 'created_at';
  direction: 'asc' | 'desc';
}
export const NEWEST_UPDATE_FIRST: ListOrder = { by: 'updated_at', direction: 'desc' };

export interface TicketRow {
  id: number;
  subject: string;
  description: string;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  group_id: number | null;
  status_id: number;
  ticket_type_id: number;
  priority_id: number;
  via_id: number;
  external_id: string | null;
  linked_id: number | null;
  organization_id: number | null;
  score: number;
  current_tags: string;
  created_at: number;
  updated_at: number;
  assigned_at: number | null;
  assignee_updated_at: number | null;
  status_updated_at: number;
  requester_updated_at: number;
  followup_source_id: number | null;
  /** The ticket form it was filed with (store/fields.ts adds the column). */
  ticket_form_id?: number | null;
}

export interface CommentRow {
  id: number;
  ticket_id: number;
  author_id: number;
  value: string;
  is_public: 0 | 1;
  via_id: number;
  via_reference_id: number | null;
  created_at: number;
}

export interface FieldEntryRow {
  ticket_id: number;
  ticket_field_id: number;
  value: string;
  /** The field's type (store/fields.ts), null when no such field is defined. */
  field_type?: string | null;
  /** 1 when an end user may see the field (defined, active, visible in the portal); the reduced views keep only these. */
  visible?: 0 | 1 | null;
}

/** A ticket with everything a view needs. */
export interface LoadedTicket {
  ticket: TicketRow;
  comments: CommentRow[];
  fields: FieldEntryRow[];
  /** Files on the ticket's comments (public and private: views filter by comment), by comment id. */
  attachments: ReadonlyMap<number, AttachmentRow[]>;
}

export type NewTicket = Pick<TicketRow, 'subject' | 'description' | 'requester_id' | 'submitter_id' | 'status_id' | 'via_id'> &
  Partial<Pick<TicketRow, 'assignee_id' | 'group_id' | 'ticket_type_id' | 'priority_id' | 'external_id' | 'current_tags' | 'assigned_at' | 'assignee_updated_at' | 'followup_source_id'>> & {
    created_at: number;
  };

/** Columns a ticket update may set; updated_at is always set by update(). */
export type TicketChanges = Partial<Omit<TicketRow, 'id' | 'created_at' | 'updated_at' | 'description'>>;

const CHANGEABLE = new Set<string>([
  'subject', 'requester_id', 'submitter_id', 'assignee_id', 'group_id', 'status_id', 'ticket_type_id', 'priority_id',
  'via_id', 'external_id', 'linked_id', 'organization_id', 'score', 'current_tags', 'assigned_at',
  'assignee_updated_at', 'status_updated_at', 'requester_updated_at',
]);

export class TicketStore {
  constructor(private readonly db: Db) {}

  get(id: number): TicketRow | undefined {
    return this.db.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  }

  newestTime(): number {
    return (this.db.prepare('SELECT MAX(updated_at) AS t FROM tickets').get() as { t: number | null }).t ?? 0;
  }

  create(t: NewTicket): number {
    const info = this.db
      .prepare(
        `INSERT INTO tickets (subject, description, requester_id, submitter_id, assignee_id, group_id, status_id,
           ticket_type_id, priority_id, via_id, external_id, current_tags, created_at, updated_at, assigned_at,
           assignee_updated_at, status_updated_at, requester_updated_at, followup_source_id)
         VALUES (@subject, @description, @requester_id, @submitter_id, @assignee_id, @group_id, @status_id,
           @ticket_type_id, @priority_id, @via_id, @external_id, @current_tags, @created_at, @created_at, @assigned_at,
           @assignee_updated_at, @created_at, @created_at, @followup_source_id)`,
      )
      .run({
        assignee_id: null, group_id: null, ticket_type_id: 0, priority_id: 0, external_id: null, current_tags: '',
        assigned_at: null, assignee_updated_at: null, followup_source_id: null, ...t,
      });
    return Number(info.lastInsertRowid);
  }

  update(id: number, changes: TicketChanges, at: number): void {
    const cols = Object.keys(changes).filter((c) => CHANGEABLE.has(c));
    const sets = [...cols.map((c) => `${c} = @${c}`), 'updated_at = @__at'];
    this.db.prepare(`UPDATE tickets SET ${sets.join(', ')} WHERE id = @__id`).run({ ...changes, __at: at, __id: id });
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM tickets WHERE id = ?').run(id).changes > 0;
  }

  /** Returns the new comment's id (files attach to it). */
  addComment(c: Omit<CommentRow, 'id' | 'via_reference_id'>): number {
    const info = this.db
      .prepare('INSERT INTO comments (ticket_id, author_id, value, is_public, via_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.ticket_id, c.author_id, c.value, c.is_public, c.via_id, c.created_at);
    return Number(info.lastInsertRowid);
  }

  setField(ticketId: number, fieldId: number, value: string): void {
    this.db
      .prepare(
        `INSERT INTO ticket_field_entries (ticket_id, ticket_field_id, value) VALUES (?, ?, ?)
         ON CONFLICT (ticket_id, ticket_field_id) DO UPDATE SET value = excluded.value`,
      )
      .run(ticketId, fieldId, value);
  }

  load(id: number): LoadedTicket | undefined {
    const ticket = this.get(id);
    return ticket ? this.attach([ticket])[0] : undefined;
  }

  /** One page of a requester's tickets in the given statuses, newest update first unless `order` says otherwise. */
  pageForRequester(requesterId: number, statuses: readonly number[], page: number, order: ListOrder = NEWEST_UPDATE_FIRST): { total: number; items: LoadedTicket[] } {
    const where = `requester_id = ? AND status_id IN (${statuses.map(() => '?').join(', ')})`;
    return this.page(where, [requesterId, ...statuses], page, order);
  }

  /** Id and times of every ticket a user requested in the given statuses (the v2 lists sort and page these). */
  keysForRequester(requesterId: number, statuses: readonly number[]): { id: number; created_at: number; updated_at: number }[] {
    if (statuses.length === 0) return [];
    return this.db
      .prepare(`SELECT id, created_at, updated_at FROM tickets WHERE requester_id = ? AND status_id IN (${statuses.map(() => '?').join(', ')})`)
      .all(requesterId, ...statuses) as { id: number; created_at: number; updated_at: number }[];
  }

  /** Id and times of every ticket, for the agent's v2 list. */
  allKeys(): { id: number; created_at: number; updated_at: number }[] {
    return this.db.prepare('SELECT id, created_at, updated_at FROM tickets').all() as { id: number; created_at: number; updated_at: number }[];
  }

  /** Several tickets, loaded in the order of `ids`. */
  loadMany(ids: readonly number[]): LoadedTicket[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM tickets WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as TicketRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return this.attach(ids.flatMap((id) => byId.get(id) ?? []));
  }

  /** One page of tickets matching a view's condition (a fixed SQL fragment). */
  pageForView(where: string, page: number): { total: number; items: LoadedTicket[] } {
    return this.page(where, [], page);
  }

  private page(where: string, params: unknown[], page: number, order: ListOrder = NEWEST_UPDATE_FIRST): { total: number; items: LoadedTicket[] } {
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE ${where}`).get(...params) as { n: number }).n;
    // Column and direction come from ListOrder's fixed values, never from a client's text.
    const direction = order.direction === 'asc' ? 'ASC' : 'DESC';
    const by = order.by === 'created_at' ? 'created_at' : 'updated_at';
    const rows = this.db
      .prepare(`SELECT * FROM tickets WHERE ${where} ORDER BY ${by} ${direction}, id ${direction} LIMIT ? OFFSET ?`)
      .all(...params, PAGE_SIZE, (page - 1) * PAGE_SIZE) as TicketRow[];
    return { total, items: this.attach(rows) };
  }

  /** Loads comments, field entries and comments' files for several tickets in three queries. */
  private attach(tickets: TicketRow[]): LoadedTicket[] {
    if (tickets.length === 0) return [];
    const ids = tickets.map((t) => t.id);
    const marks = ids.map(() => '?').join(', ');
    const comments = this.db
      .prepare(`SELECT * FROM comments WHERE ticket_id IN (${marks}) ORDER BY created_at, id`)
      .all(...ids) as CommentRow[];
    const fields = this.db
      .prepare(
        `SELECT e.*, f.type AS field_type, (f.active = 1 AND f.visible_in_portal = 1) AS visible
         FROM ticket_field_entries e LEFT JOIN ticket_fields f ON f.id = e.ticket_field_id
         WHERE e.ticket_id IN (${marks}) ORDER BY e.ticket_field_id`,
      )
      .all(...ids) as FieldEntryRow[];
    const files = this.db
      .prepare(`SELECT a.* FROM attachments a JOIN comments c ON c.id = a.comment_id WHERE c.ticket_id IN (${marks}) ORDER BY a.id`)
      .all(...ids) as AttachmentRow[];
    const byComment = new Map<number, AttachmentRow[]>();
    for (const file of files) byComment.set(file.comment_id!, [...(byComment.get(file.comment_id!) ?? []), file]);
    return tickets.map((ticket) => ({
      ticket,
      comments: comments.filter((c) => c.ticket_id === ticket.id),
      fields: fields.filter((f) => f.ticket_id === ticket.id),
      attachments: byComment,
    }));
  }
}
