// Full-text search over end users' own requests: one SQLite FTS5 row per ticket, kept in step
// with tickets and comments by triggers, so no route can forget to index what it writes.
//
// A row holds what the ticket's requester may see and nothing else: the subject and the public
// comments (the first of which is the description). Internal notes never enter it, so no search
// can find one by its words and no snippet can quote one. The requester is a token of its own
// (`owner`), so a search for one customer is an FTS5 intersection with their tickets rather than
// a scan of everyone's matches.
import type { Db } from '../db';

/** The owner token of a requester's tickets: never matched by what a customer types (see ftsMatch). */
export const ownerToken = (requesterId: number) => `u${requesterId}`;

const TABLE = 'request_search';

// One row per ticket, rowid = ticket id. The table keeps its own copy of the text (FTS5's own
// content): snippet() needs the text, and a view of tickets and comments as external content would
// need the old text in hand for every delete, which triggers on comments do not have.
// unicode61 with diacritics removed: "cafe" finds "Café", any case.
const CREATE_TABLE = `CREATE VIRTUAL TABLE ${TABLE} USING fts5(subject, conversation, owner, tokenize = 'unicode61 remove_diacritics 2')`;

// What a ticket's conversation is in the index: its public comments, oldest first, one a line.
const conversationOf = (ticketId: string) =>
  `COALESCE((SELECT group_concat(value, char(10)) FROM (SELECT value FROM comments WHERE ticket_id = ${ticketId} AND is_public = 1 ORDER BY created_at, id)), '')`;

const TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS ${TABLE}_ticket_added AFTER INSERT ON tickets BEGIN
  INSERT INTO ${TABLE} (rowid, subject, conversation, owner) VALUES (new.id, new.subject, ${conversationOf('new.id')}, 'u' || new.requester_id);
END;
CREATE TRIGGER IF NOT EXISTS ${TABLE}_ticket_changed AFTER UPDATE OF subject, requester_id ON tickets BEGIN
  UPDATE ${TABLE} SET subject = new.subject, owner = 'u' || new.requester_id WHERE rowid = new.id;
END;
CREATE TRIGGER IF NOT EXISTS ${TABLE}_ticket_removed AFTER DELETE ON tickets BEGIN
  DELETE FROM ${TABLE} WHERE rowid = old.id;
END;
CREATE TRIGGER IF NOT EXISTS ${TABLE}_comment_added AFTER INSERT ON comments WHEN new.is_public = 1 BEGIN
  UPDATE ${TABLE} SET conversation = CASE WHEN conversation = '' THEN new.value ELSE conversation || char(10) || new.value END
  WHERE rowid = new.ticket_id;
END;
CREATE TRIGGER IF NOT EXISTS ${TABLE}_comment_changed AFTER UPDATE OF value, is_public, ticket_id ON comments BEGIN
  UPDATE ${TABLE} SET conversation = ${conversationOf('old.ticket_id')} WHERE rowid = old.ticket_id;
  UPDATE ${TABLE} SET conversation = ${conversationOf('new.ticket_id')} WHERE rowid = new.ticket_id AND new.ticket_id <> old.ticket_id;
END;
CREATE TRIGGER IF NOT EXISTS ${TABLE}_comment_removed AFTER DELETE ON comments WHEN old.is_public = 1 BEGIN
  UPDATE ${TABLE} SET conversation = ${conversationOf('old.ticket_id')} WHERE rowid = old.ticket_id;
END;
`;

/**
 * Creates the index and its triggers. A database made before search existed is indexed once,
 * here, from its tickets and comments (the migration); after that the triggers keep it in step.
 */
export function ensureSearchIndex(db: Db): void {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(TABLE) !== undefined;
  db.transaction(() => {
    if (!exists) {
      db.exec(CREATE_TABLE);
      db.exec(`INSERT INTO ${TABLE} (rowid, subject, conversation, owner) SELECT id, subject, ${conversationOf('tickets.id')}, 'u' || requester_id FROM tickets`);
    }
    db.exec(TRIGGERS);
  })();
}

/** How matches are ordered: by relevance (FTS5's bm25), or by a time, ties by id. */
export type SearchOrder = { by: 'relevance' } | { by: 'updated_at' | 'created_at'; direction: 'asc' | 'desc' };

export interface SearchHits {
  /** Every match in the given statuses, over all pages. */
  total: number;
  /** The ticket ids of the asked-for slice, in order. */
  ids: number[];
}

// Snippet markers: control characters that XML cannot carry, so no stored text has them (a JSON
// body could; they are dropped from the snippet either way). Only used to tell whether the
// conversation's snippet shows a match at all.
const MARK_START = '\u0002';
const MARK_END = '\u0003';
const SNIPPET_TOKENS = 16;

export class RequestSearch {
  constructor(private readonly db: Db) {}

  /**
   * One slice of a requester's matching tickets. `match` is an FTS5 expression built by ftsMatch
   * (search-query.ts) for this requester. One statement: the matches, their count and the slice.
   */
  find(match: string, statuses: readonly number[], order: SearchOrder, limit: number, offset: number): SearchHits {
    if (statuses.length === 0) return { total: 0, ids: [] };
    // Column weights: subject twice the conversation, the owner token nothing. bm25() is computed in
    // the inner query: an FTS5 function cannot run where the window function is.
    const direction = order.by !== 'relevance' && order.direction === 'asc' ? 'ASC' : 'DESC';
    const orderBy = order.by === 'relevance' ? 'rank, id DESC' : `${order.by} ${direction}, id ${direction}`;
    const rows = this.db
      .prepare(
        `SELECT id, COUNT(*) OVER () AS total FROM (
           SELECT t.id AS id, t.updated_at AS updated_at, t.created_at AS created_at, bm25(${TABLE}, 2.0, 1.0, 0.0) AS rank
           FROM ${TABLE} JOIN tickets t ON t.id = ${TABLE}.rowid
           WHERE ${TABLE} MATCH ? AND t.status_id IN (${statuses.map(() => '?').join(', ')})
         ) ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
      )
      .all(match, ...statuses, limit, offset) as { id: number; total: number }[];
    if (rows.length > 0) return { total: rows[0]!.total, ids: rows.map((r) => r.id) };
    // An offset past the end still needs the total.
    const count = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM ${TABLE} JOIN tickets t ON t.id = ${TABLE}.rowid
         WHERE ${TABLE} MATCH ? AND t.status_id IN (${statuses.map(() => '?').join(', ')})`,
      )
      .get(match, ...statuses) as { n: number };
    return { total: count.n, ids: [] };
  }

  /**
   * A short excerpt of each ticket's public conversation around the words that matched, as plain
   * text; none for a ticket whose match is in its subject only. Computed for one page's ids only.
   */
  snippets(match: string, ids: readonly number[]): Map<number, string> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare(
        `SELECT rowid AS id, snippet(${TABLE}, 1, ?, ?, '…', ${SNIPPET_TOKENS}) AS snippet FROM ${TABLE}
         WHERE ${TABLE} MATCH ? AND rowid IN (${ids.map(() => '?').join(', ')})`,
      )
      .all(MARK_START, MARK_END, match, ...ids) as { id: number; snippet: string | null }[];
    const out = new Map<number, string>();
    for (const { id, snippet } of rows) {
      if (snippet === null || !snippet.includes(MARK_START)) continue;
      out.set(id, snippet.replaceAll(MARK_START, '').replaceAll(MARK_END, '').replace(/\s+/g, ' ').trim());
    }
    return out;
  }
}
