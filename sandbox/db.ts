// Opening the SQLite database and creating the schema on start.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ensureFieldTables } from './store/fields';
import { ensureSearchIndex } from './store/search';
import { PEOPLE_SCHEMA } from './store/people';

export type Db = Database.Database;

// Times are stored as integer milliseconds so ordering by updated_at is exact
// even for writes within one second; the XML shows whole seconds (see iso()).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT    NOT NULL,
  email         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT,
  roles         INTEGER NOT NULL CHECK (roles IN (0, 2, 4)),
  created_at    INTEGER NOT NULL,
  -- 0: the email identity is not verified; the v2 Requests API refuses such an end user (403).
  verified      INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1)),
  -- When an admin last set the password (null: never since the user was created). Shown as a
  -- sandbox extension so the portal can end sessions older than a password change.
  password_changed_at INTEGER,
  -- The user's photo: an attachments row with neither upload nor comment (set through /_sandbox/).
  photo_attachment_id INTEGER
);
CREATE TABLE IF NOT EXISTS groups (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT    NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS group_memberships (
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
-- AUTOINCREMENT: a destroyed ticket's id is never handed out again, so an old
-- link can never show somebody else's request.
CREATE TABLE IF NOT EXISTS tickets (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  subject              TEXT    NOT NULL DEFAULT '',
  description          TEXT    NOT NULL,
  requester_id         INTEGER NOT NULL REFERENCES users(id),
  submitter_id         INTEGER NOT NULL REFERENCES users(id),
  assignee_id          INTEGER REFERENCES users(id),
  group_id             INTEGER REFERENCES groups(id),
  status_id            INTEGER NOT NULL CHECK (status_id BETWEEN 0 AND 4),
  ticket_type_id       INTEGER NOT NULL DEFAULT 0 CHECK (ticket_type_id BETWEEN 0 AND 4),
  priority_id          INTEGER NOT NULL DEFAULT 0 CHECK (priority_id BETWEEN 0 AND 4),
  via_id               INTEGER NOT NULL,
  external_id          TEXT,
  linked_id            INTEGER,
  organization_id      INTEGER,
  score                INTEGER NOT NULL DEFAULT 0,
  current_tags         TEXT    NOT NULL DEFAULT '',
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  assigned_at          INTEGER,
  assignee_updated_at  INTEGER,
  status_updated_at    INTEGER NOT NULL,
  requester_updated_at INTEGER NOT NULL,
  -- The closed request this one follows up (v2 followup_source_id), if any.
  followup_source_id   INTEGER
);
CREATE INDEX IF NOT EXISTS tickets_by_requester ON tickets (requester_id, status_id, updated_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS tickets_by_requester_created ON tickets (requester_id, status_id, created_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS comments (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id        INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  author_id        INTEGER NOT NULL REFERENCES users(id),
  value            TEXT    NOT NULL,
  is_public        INTEGER NOT NULL CHECK (is_public IN (0, 1)),
  via_id           INTEGER NOT NULL,
  via_reference_id INTEGER,
  created_at       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS comments_by_ticket ON comments (ticket_id, id);
-- v2 credentials. Only a SHA-256 of each secret is kept: the secret is shown once, at creation.
CREATE TABLE IF NOT EXISTS api_tokens (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash  TEXT    NOT NULL UNIQUE,
  description TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth_tokens (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  client_id    INTEGER,
  token_hash   TEXT    NOT NULL UNIQUE,
  token_prefix TEXT    NOT NULL,
  scopes       TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  used_at      INTEGER
);
-- Uploads and files. A file's bytes live on disk (store/files.ts: a folder next to this database),
-- never in a row; a row holds what the API shows about it and the file's name on disk (file_key).
-- An upload token is its uploader's, valid for an hour, and attaches once (used_at).
CREATE TABLE IF NOT EXISTS uploads (
  token       TEXT    PRIMARY KEY,
  uploader_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);
CREATE TABLE IF NOT EXISTS attachments (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  upload_token TEXT    REFERENCES uploads(token) ON DELETE CASCADE,
  comment_id   INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  uploader_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_name    TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  size         INTEGER NOT NULL,
  file_key     TEXT    NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS attachments_by_comment ON attachments (comment_id, id);
CREATE INDEX IF NOT EXISTS attachments_by_upload ON attachments (upload_token, id);
CREATE TABLE IF NOT EXISTS ticket_field_entries (
  ticket_id       INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  ticket_field_id INTEGER NOT NULL,
  value           TEXT    NOT NULL,
  PRIMARY KEY (ticket_id, ticket_field_id)
);
`;

/** Columns added after a database file may already exist. */
function migrate(db: Db): void {
  const columns = db.prepare('PRAGMA table_info(users)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'verified')) {
    db.exec('ALTER TABLE users ADD COLUMN verified INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1))');
  }
  if (!columns.some((c) => c.name === 'password_changed_at')) db.exec('ALTER TABLE users ADD COLUMN password_changed_at INTEGER');
  if (!columns.some((c) => c.name === 'photo_attachment_id')) db.exec('ALTER TABLE users ADD COLUMN photo_attachment_id INTEGER');
  const ticketColumns = db.prepare('PRAGMA table_info(tickets)').all() as { name: string }[];
  if (!ticketColumns.some((c) => c.name === 'followup_source_id')) db.exec('ALTER TABLE tickets ADD COLUMN followup_source_id INTEGER');
}

export function openDb(dbPath: string): Db {
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL'); // an in-memory database stays "memory"
    db.pragma('synchronous = NORMAL'); // durable across process restarts, the case we care about
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    migrate(db);
    // Organizations and CCs (store/people.ts).
    db.exec(PEOPLE_SCHEMA);
    // The search index (store/search.ts): made, and filled from existing tickets, on first open.
    ensureSearchIndex(db);
    // Ticket fields and forms (store/fields.ts), and each ticket's form.
    ensureFieldTables(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** ISO-8601 UTC without milliseconds, like the seed's 2007-06-03T22:15:44Z. */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A clock that never repeats or goes back, so every write moves updated_at
 * forward; `start` is the newest stored time, in case the wall clock is behind. */
export function monotonicClock(start = 0): () => number {
  let last = start;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return last;
  };
}
