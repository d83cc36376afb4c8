// Organizations and CCs (collaborators): who besides the requester may see a request. No rules
// live here (those are in ../request-access.ts); this file only reads and writes rows.
import type { Db } from '../db';
import type { ListOrder } from './tickets';

export interface OrganizationRow {
  id: number;
  name: string;
  /** 1: its end users see each other's requests (v2 `shared_tickets`). */
  shared_tickets: 0 | 1;
  /** 1: they may also comment on them (v2 `shared_comments`). */
  shared_comments: 0 | 1;
}

/** Made on open, beside db.ts's schema (additive: a database file from before gets them too). */
export const PEOPLE_SCHEMA = `
CREATE TABLE IF NOT EXISTS organizations (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT    NOT NULL UNIQUE,
  shared_tickets  INTEGER NOT NULL DEFAULT 0 CHECK (shared_tickets IN (0, 1)),
  shared_comments INTEGER NOT NULL DEFAULT 0 CHECK (shared_comments IN (0, 1))
);
-- One organization per user, as a help desk's default organization.
CREATE TABLE IF NOT EXISTS organization_memberships (
  user_id         INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS ticket_collaborators (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX IF NOT EXISTS collaborators_by_user ON ticket_collaborators (user_id, ticket_id);
CREATE INDEX IF NOT EXISTS tickets_by_organization ON tickets (organization_id, status_id, updated_at DESC, id DESC);
-- A new ticket belongs to its requester's organization at the time (as in the help desk: moving a
-- user later does not move their old tickets).
CREATE TRIGGER IF NOT EXISTS tickets_organization_stamp AFTER INSERT ON tickets WHEN new.organization_id IS NULL BEGIN
  UPDATE tickets SET organization_id = (SELECT organization_id FROM organization_memberships WHERE user_id = new.requester_id) WHERE id = new.id;
END;
`;

type Key = { id: number; created_at: number; updated_at: number };

export class PeopleStore {
  constructor(private readonly db: Db) {}

  createOrganization(o: { name: string; sharedTickets: boolean; sharedComments: boolean }): OrganizationRow {
    const info = this.db
      .prepare('INSERT INTO organizations (name, shared_tickets, shared_comments) VALUES (?, ?, ?)')
      .run(o.name, o.sharedTickets ? 1 : 0, o.sharedComments ? 1 : 0);
    return this.organization(Number(info.lastInsertRowid))!;
  }

  updateOrganization(id: number, changes: { name?: string; sharedTickets?: boolean; sharedComments?: boolean }): void {
    const current = this.organization(id);
    if (!current) return;
    this.db
      .prepare('UPDATE organizations SET name = ?, shared_tickets = ?, shared_comments = ? WHERE id = ?')
      .run(
        changes.name ?? current.name,
        changes.sharedTickets === undefined ? current.shared_tickets : changes.sharedTickets ? 1 : 0,
        changes.sharedComments === undefined ? current.shared_comments : changes.sharedComments ? 1 : 0,
        id,
      );
  }

  organization(id: number): OrganizationRow | undefined {
    return this.db.prepare('SELECT * FROM organizations WHERE id = ?').get(id) as OrganizationRow | undefined;
  }

  organizationByName(name: string): OrganizationRow | undefined {
    return this.db.prepare('SELECT * FROM organizations WHERE name = ?').get(name) as OrganizationRow | undefined;
  }

  /** The user's organization, if any. */
  organizationOf(userId: number): OrganizationRow | undefined {
    return this.db
      .prepare('SELECT o.* FROM organizations o JOIN organization_memberships m ON m.organization_id = o.id WHERE m.user_id = ?')
      .get(userId) as OrganizationRow | undefined;
  }

  /** Puts a user in an organization (replacing any other), or in none. */
  setMembership(userId: number, organizationId: number | null): void {
    this.db.prepare('DELETE FROM organization_memberships WHERE user_id = ?').run(userId);
    if (organizationId !== null) this.db.prepare('INSERT INTO organization_memberships (user_id, organization_id) VALUES (?, ?)').run(userId, organizationId);
  }

  collaborators(ticketId: number): number[] {
    return (this.db.prepare('SELECT user_id FROM ticket_collaborators WHERE ticket_id = ? ORDER BY rowid').all(ticketId) as { user_id: number }[]).map((r) => r.user_id);
  }

  /** Collaborators of several tickets, by ticket id. */
  collaboratorsOf(ticketIds: readonly number[]): Map<number, number[]> {
    const out = new Map<number, number[]>();
    if (ticketIds.length === 0) return out;
    const rows = this.db
      .prepare(`SELECT ticket_id, user_id FROM ticket_collaborators WHERE ticket_id IN (${ticketIds.map(() => '?').join(', ')}) ORDER BY rowid`)
      .all(...ticketIds) as { ticket_id: number; user_id: number }[];
    for (const row of rows) out.set(row.ticket_id, [...(out.get(row.ticket_id) ?? []), row.user_id]);
    return out;
  }

  isCollaborator(ticketId: number, userId: number): boolean {
    return this.db.prepare('SELECT 1 FROM ticket_collaborators WHERE ticket_id = ? AND user_id = ?').get(ticketId, userId) !== undefined;
  }

  addCollaborators(ticketId: number, userIds: readonly number[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO ticket_collaborators (ticket_id, user_id) VALUES (?, ?)');
    for (const id of userIds) insert.run(ticketId, id);
  }

  /** Id and times of the tickets a user is copied on, in the given statuses (the v2 list sorts and pages these). */
  keysCopiedTo(userId: number, statuses: readonly number[]): Key[] {
    if (statuses.length === 0) return [];
    return this.db
      .prepare(
        `SELECT t.id, t.created_at, t.updated_at FROM tickets t JOIN ticket_collaborators c ON c.ticket_id = t.id
         WHERE c.user_id = ? AND t.status_id IN (${statuses.map(() => '?').join(', ')})`,
      )
      .all(userId, ...statuses) as Key[];
  }

  /** Id and times of an organization's tickets in the given statuses. */
  keysOfOrganization(organizationId: number, statuses: readonly number[]): Key[] {
    if (statuses.length === 0) return [];
    return this.db
      .prepare(`SELECT id, created_at, updated_at FROM tickets WHERE organization_id = ? AND status_id IN (${statuses.map(() => '?').join(', ')})`)
      .all(organizationId, ...statuses) as Key[];
  }

  /** One page of ids from keys, in an order (the classic lists: the same rows as the v2 ones, paged the classic way). */
  static pageOf(keys: Key[], page: number, pageSize: number, order: ListOrder): { total: number; ids: number[] } {
    const sign = order.direction === 'asc' ? 1 : -1;
    const sorted = keys.sort((a, b) => sign * (a[order.by] - b[order.by] || a.id - b.id));
    return { total: keys.length, ids: sorted.slice((page - 1) * pageSize, page * pageSize).map((k) => k.id) };
  }
}
