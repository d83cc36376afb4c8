// Ticket fields and ticket forms: what an admin defines (v2 Ticket Fields and Ticket Forms APIs),
// and which of them an end user sees. Values live in ticket_field_entries (store/tickets.ts).
// No rules here beyond the rows: field-rules.ts decides what an end user may send.
import type { Db } from '../db';

/** The Ticket Fields API's custom field types the sandbox keeps (Zendesk's names: `tagger` is a drop-down). */
export const FIELD_TYPES = ['text', 'textarea', 'checkbox', 'date', 'integer', 'decimal', 'regexp', 'tagger', 'multiselect'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldRow {
  id: number;
  type: FieldType;
  title: string;
  /** What end users read; the title when empty. */
  title_in_portal: string;
  description: string;
  position: number;
  active: 0 | 1;
  visible_in_portal: 0 | 1;
  editable_in_portal: 0 | 1;
  required_in_portal: 0 | 1;
  regexp_for_validation: string | null;
  /** Checkbox only: the tag a checked box adds (kept, not applied). */
  tag: string | null;
  created_at: number;
}

export interface FieldOptionRow {
  id: number;
  field_id: number;
  /** The title shown ("Apple Pie"). */
  name: string;
  /** The tag stored on the ticket ("apple"). */
  value: string;
  position: number;
  is_default: 0 | 1;
}

export interface FormRow {
  id: number;
  name: string;
  display_name: string;
  position: number;
  active: 0 | 1;
  end_user_visible: 0 | 1;
  is_default: 0 | 1;
  created_at: number;
}

export interface FieldWithOptions extends FieldRow {
  options: FieldOptionRow[];
}

export interface FormWithFields extends FormRow {
  field_ids: number[];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ticket_fields (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  type                  TEXT    NOT NULL,
  title                 TEXT    NOT NULL,
  title_in_portal       TEXT    NOT NULL DEFAULT '',
  description           TEXT    NOT NULL DEFAULT '',
  position              INTEGER NOT NULL DEFAULT 0,
  active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  visible_in_portal     INTEGER NOT NULL DEFAULT 0 CHECK (visible_in_portal IN (0, 1)),
  editable_in_portal    INTEGER NOT NULL DEFAULT 0 CHECK (editable_in_portal IN (0, 1)),
  required_in_portal    INTEGER NOT NULL DEFAULT 0 CHECK (required_in_portal IN (0, 1)),
  regexp_for_validation TEXT,
  tag                   TEXT,
  created_at            INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ticket_field_options (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  field_id   INTEGER NOT NULL REFERENCES ticket_fields(id) ON DELETE CASCADE,
  name       TEXT    NOT NULL,
  value      TEXT    NOT NULL,
  position   INTEGER NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  UNIQUE (field_id, value)
);
CREATE TABLE IF NOT EXISTS ticket_forms (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  name             TEXT    NOT NULL,
  display_name     TEXT    NOT NULL DEFAULT '',
  position         INTEGER NOT NULL DEFAULT 0,
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  end_user_visible INTEGER NOT NULL DEFAULT 1 CHECK (end_user_visible IN (0, 1)),
  is_default       INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ticket_form_fields (
  form_id  INTEGER NOT NULL REFERENCES ticket_forms(id) ON DELETE CASCADE,
  field_id INTEGER NOT NULL REFERENCES ticket_fields(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (form_id, field_id)
);
`;

/** Creates the tables (and the tickets' ticket_form_id column) on a database that may predate them. */
export function ensureFieldTables(db: Db): void {
  db.exec(SCHEMA);
  const columns = db.prepare('PRAGMA table_info(tickets)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'ticket_form_id')) db.exec('ALTER TABLE tickets ADD COLUMN ticket_form_id INTEGER');
}

export type NewField = Pick<FieldRow, 'type' | 'title'> &
  Partial<Pick<FieldRow, 'title_in_portal' | 'description' | 'position' | 'active' | 'visible_in_portal' | 'editable_in_portal' | 'required_in_portal' | 'regexp_for_validation' | 'tag'>> & {
    options?: { name: string; value: string; default?: boolean }[];
  };

export type NewForm = Pick<FormRow, 'name'> & Partial<Pick<FormRow, 'display_name' | 'position' | 'active' | 'end_user_visible' | 'is_default'>> & { field_ids: number[] };

export class FieldStore {
  constructor(private readonly db: Db) {}

  createField(f: NewField, at: number): number {
    const info = this.db
      .prepare(
        `INSERT INTO ticket_fields (type, title, title_in_portal, description, position, active, visible_in_portal, editable_in_portal,
           required_in_portal, regexp_for_validation, tag, created_at)
         VALUES (@type, @title, @title_in_portal, @description, @position, @active, @visible_in_portal, @editable_in_portal,
           @required_in_portal, @regexp_for_validation, @tag, @created_at)`,
      )
      .run({
        title_in_portal: '', description: '', position: 0, active: 1, visible_in_portal: 0, editable_in_portal: 0, required_in_portal: 0,
        regexp_for_validation: null, tag: null, ...f, options: undefined, created_at: at,
      });
    const id = Number(info.lastInsertRowid);
    const add = this.db.prepare('INSERT INTO ticket_field_options (field_id, name, value, position, is_default) VALUES (?, ?, ?, ?, ?)');
    (f.options ?? []).forEach((o, i) => add.run(id, o.name, o.value, i, o.default ? 1 : 0));
    return id;
  }

  createForm(f: NewForm, at: number): number {
    const info = this.db
      .prepare(
        `INSERT INTO ticket_forms (name, display_name, position, active, end_user_visible, is_default, created_at)
         VALUES (@name, @display_name, @position, @active, @end_user_visible, @is_default, @created_at)`,
      )
      .run({ display_name: '', position: 0, active: 1, end_user_visible: 1, is_default: 0, ...f, field_ids: undefined, created_at: at });
    const id = Number(info.lastInsertRowid);
    const add = this.db.prepare('INSERT INTO ticket_form_fields (form_id, field_id, position) VALUES (?, ?, ?)');
    f.field_ids.forEach((fieldId, i) => add.run(id, fieldId, i));
    return id;
  }

  deleteField(id: number): boolean {
    return this.db.prepare('DELETE FROM ticket_fields WHERE id = ?').run(id).changes > 0;
  }

  deleteForm(id: number): boolean {
    return this.db.prepare('DELETE FROM ticket_forms WHERE id = ?').run(id).changes > 0;
  }

  /** Every field with its options, in position order (ties by id); end users get only visible, active ones. */
  fields(opts: { endUser: boolean }): FieldWithOptions[] {
    const where = opts.endUser ? 'WHERE active = 1 AND visible_in_portal = 1' : '';
    const rows = this.db.prepare(`SELECT * FROM ticket_fields ${where} ORDER BY position, id`).all() as FieldRow[];
    const options = this.db.prepare('SELECT * FROM ticket_field_options ORDER BY field_id, position, id').all() as FieldOptionRow[];
    return rows.map((row) => ({ ...row, options: options.filter((o) => o.field_id === row.id) }));
  }

  field(id: number): FieldWithOptions | undefined {
    return this.fields({ endUser: false }).find((f) => f.id === id);
  }

  /** Every form with its fields' ids in the form's order; end users get only active, end-user visible ones. */
  forms(opts: { endUser: boolean }): FormWithFields[] {
    const where = opts.endUser ? 'WHERE active = 1 AND end_user_visible = 1' : '';
    const rows = this.db.prepare(`SELECT * FROM ticket_forms ${where} ORDER BY position, id`).all() as FormRow[];
    const links = this.db.prepare('SELECT form_id, field_id FROM ticket_form_fields ORDER BY form_id, position').all() as { form_id: number; field_id: number }[];
    return rows.map((row) => ({ ...row, field_ids: links.filter((l) => l.form_id === row.id).map((l) => l.field_id) }));
  }

  setTicketForm(ticketId: number, formId: number | null): void {
    this.db.prepare('UPDATE tickets SET ticket_form_id = ? WHERE id = ?').run(formId, ticketId);
  }

  ticketForm(ticketId: number): number | null {
    return (this.db.prepare('SELECT ticket_form_id AS f FROM tickets WHERE id = ?').get(ticketId) as { f: number | null } | undefined)?.f ?? null;
  }

  /** The ids of fields an end user may see (the reduced views keep only their entries). */
  visibleIds(): Set<number> {
    const rows = this.db.prepare('SELECT id FROM ticket_fields WHERE active = 1 AND visible_in_portal = 1').all() as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }
}

const stores = new WeakMap<Db, FieldStore>();

/** The field store of a database: one per database, made on first use (the context stays as it is). */
export function fieldStore(db: Db): FieldStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new FieldStore(db)));
  return store;
}
