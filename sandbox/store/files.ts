// Uploaded files: their bytes on disk, what the API says about them in SQLite (attachments,
// uploads). Files are streamed in and out, never held whole in memory, and never stored in a row:
// better-sqlite3 reads and writes a BLOB whole (no incremental blob I/O), a 20 MiB file would sit
// in memory and in the WAL, and copying the database would copy every file. On disk each file is a
// random key in one folder (never the name a client gave), written to `KEY.part` and renamed when
// complete, so a half-received file is never served.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Db } from '../db';

export interface AttachmentRow {
  id: number;
  upload_token: string | null;
  comment_id: number | null;
  uploader_id: number;
  file_name: string;
  content_type: string;
  size: number;
  file_key: string;
  created_at: number;
}

export interface UploadRow {
  token: string;
  uploader_id: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Where a file belongs, for deciding who may download it. */
export interface AttachmentPlace {
  attachment: AttachmentRow;
  /** The comment's ticket and whether the comment is public; null for uploads not attached yet and photos. */
  comment: { ticket_id: number; is_public: 0 | 1; requester_id: number } | null;
  /** The user whose photo this is, if it is one. */
  photoOf: number | null;
}

/** The reference: "The token is valid for 60 minutes". */
export const UPLOAD_TTL_MS = 60 * 60_000;

/** A file too large to take, found while reading it (the body had no Content-Length, or lied). */
export class FileTooLargeError extends Error {}

/** The folder for a database's files: next to the SQLite file, or a temporary one for `:memory:`. */
export function filesDirFor(dbPath: string): { dir: string; temporary: boolean } {
  if (dbPath === ':memory:') return { dir: mkdtempSync(join(tmpdir(), 'portico-sandbox-files-')), temporary: true };
  const dir = join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}-files`);
  mkdirSync(dir, { recursive: true });
  return { dir, temporary: false };
}

export class FileStore {
  constructor(
    private readonly db: Db,
    readonly dir: string,
    private readonly temporary: boolean,
  ) {}

  // --- Bytes on disk ------------------------------------------------------------------------

  /**
   * Streams `body` into a new file, counting: past `limit` bytes it stops reading and throws
   * FileTooLargeError (the rest of the body is left for the server to drain). Returns the file's
   * key and size; nothing is left on disk when it fails.
   */
  async receive(body: Readable | undefined, limit: number): Promise<{ key: string; size: number }> {
    const key = randomBytes(16).toString('hex');
    const part = join(this.dir, `${key}.part`);
    const out = createWriteStream(part, { flags: 'wx' });
    let size = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const fail = (error: Error) => {
          if (settled) return;
          settled = true;
          // The rest of the body is read and dropped, so the client can finish sending and read the answer.
          body?.removeListener('data', onData);
          body?.resume();
          out.destroy();
          reject(error);
        };
        const onData = (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) return fail(new FileTooLargeError(`more than ${limit} bytes`));
          if (!out.write(chunk)) {
            body?.pause();
            out.once('drain', () => body?.resume());
          }
        };
        out.on('error', fail);
        out.on('finish', () => {
          if (!settled) {
            settled = true;
            resolve();
          }
        });
        if (!body) return void out.end();
        body.on('data', onData);
        body.on('end', () => {
          if (!settled) out.end();
        });
        body.on('error', fail);
        body.on('aborted', () => fail(new Error('the upload was aborted')));
      });
      await rename(part, this.path(key));
      return { key, size };
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
  }

  /** A small file known in advance (the demo's), written at once. */
  storeBytes(bytes: Uint8Array): { key: string; size: number } {
    const key = randomBytes(16).toString('hex');
    writeFileSync(this.path(key), bytes, { flag: 'wx' });
    return { key, size: bytes.length };
  }

  path(key: string): string {
    return join(this.dir, key);
  }

  /** Removes files whose rows are gone (after the transaction that removed them committed). */
  async removeFiles(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.path(key), { force: true })));
  }

  /** On close: a `:memory:` database's files go with it. */
  close(): void {
    if (this.temporary) rmSync(this.dir, { recursive: true, force: true });
  }

  // --- Rows ---------------------------------------------------------------------------------

  /** A file into an upload: a new token, or (the reference's `token=`) one more file for an open upload of the same uploader. */
  addToUpload(
    file: { uploaderId: number; fileName: string; contentType: string; size: number; key: string },
    at: number,
    token?: UploadRow,
  ): { upload: UploadRow; attachment: AttachmentRow } {
    let upload = token;
    if (!upload) {
      upload = { token: randomBytes(15).toString('base64url'), uploader_id: file.uploaderId, created_at: at, expires_at: at + UPLOAD_TTL_MS, used_at: null };
      this.db
        .prepare('INSERT INTO uploads (token, uploader_id, created_at, expires_at, used_at) VALUES (@token, @uploader_id, @created_at, @expires_at, @used_at)')
        .run(upload);
    }
    const attachment = this.insert({ ...file, uploadToken: upload.token }, at);
    return { upload, attachment };
  }

  /** A file put straight on a comment, without an upload (the demo's). */
  insertOnComment(commentId: number, file: { uploaderId: number; fileName: string; contentType: string; size: number; key: string }, at: number): AttachmentRow {
    const row = this.insert({ ...file, uploadToken: null }, at);
    this.db.prepare('UPDATE attachments SET comment_id = ? WHERE id = ?').run(commentId, row.id);
    return this.byId(row.id)!;
  }

  /** A file that belongs to no upload or comment (a user's photo). */
  insertLoose(file: { uploaderId: number; fileName: string; contentType: string; size: number; key: string }, at: number): AttachmentRow {
    return this.insert({ ...file, uploadToken: null }, at);
  }

  private insert(file: { uploaderId: number; fileName: string; contentType: string; size: number; key: string; uploadToken: string | null }, at: number): AttachmentRow {
    const info = this.db
      .prepare('INSERT INTO attachments (upload_token, comment_id, uploader_id, file_name, content_type, size, file_key, created_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)')
      .run(file.uploadToken, file.uploaderId, file.fileName, file.contentType, file.size, file.key, at);
    return this.byId(Number(info.lastInsertRowid))!;
  }

  upload(token: string): UploadRow | undefined {
    return this.db.prepare('SELECT * FROM uploads WHERE token = ?').get(token) as UploadRow | undefined;
  }

  filesOfUpload(token: string): AttachmentRow[] {
    return this.db.prepare('SELECT * FROM attachments WHERE upload_token = ? ORDER BY id').all(token) as AttachmentRow[];
  }

  /**
   * Attaches uploads to a comment, in a caller's transaction. Each token must exist, be the
   * author's, be unexpired and not attached yet; it then is used up, so a second attach of the same
   * token (a retried send) is refused rather than attaching the files twice.
   */
  attach(tokens: readonly string[], authorId: number, commentId: number, at: number, refuse: (message: string) => Error): void {
    for (const token of tokens) {
      const upload = this.upload(token);
      if (!upload || upload.uploader_id !== authorId) throw refuse(`Upload token ${token} is unknown (or not one of your uploads)`);
      if (upload.used_at !== null) throw refuse(`Upload token ${token} is already attached to a comment; upload the file again to attach it again`);
      if (upload.expires_at <= at) throw refuse(`Upload token ${token} has expired (tokens are valid for 60 minutes)`);
      this.db.prepare('UPDATE uploads SET used_at = ? WHERE token = ?').run(at, token);
      this.db.prepare('UPDATE attachments SET comment_id = ? WHERE upload_token = ?').run(commentId, token);
    }
  }

  byId(id: number): AttachmentRow | undefined {
    return this.db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentRow | undefined;
  }

  /** An attachment with where it belongs: a comment of a ticket, a user's photo, or a pending upload. */
  place(id: number): AttachmentPlace | undefined {
    const attachment = this.byId(id);
    if (!attachment) return undefined;
    const comment =
      attachment.comment_id === null
        ? undefined
        : (this.db
            .prepare('SELECT c.ticket_id, c.is_public, t.requester_id FROM comments c JOIN tickets t ON t.id = c.ticket_id WHERE c.id = ?')
            .get(attachment.comment_id) as AttachmentPlace['comment'] | undefined);
    const owner = this.db.prepare('SELECT id FROM users WHERE photo_attachment_id = ?').get(id) as { id: number } | undefined;
    return { attachment, comment: comment ?? null, photoOf: owner?.id ?? null };
  }

  /** Users' photos by user id. */
  photos(userIds: readonly number[]): Map<number, AttachmentRow> {
    if (userIds.length === 0) return new Map();
    const rows = this.db
      .prepare(`SELECT u.id AS user_id, a.* FROM users u JOIN attachments a ON a.id = u.photo_attachment_id WHERE u.id IN (${userIds.map(() => '?').join(', ')})`)
      .all(...userIds) as (AttachmentRow & { user_id: number })[];
    return new Map(rows.map(({ user_id, ...row }) => [user_id, row]));
  }

  /** Deletes a row (a replaced photo); returns its file's key for removeFiles. */
  deleteRow(id: number): string | undefined {
    const row = this.byId(id);
    if (row) this.db.prepare('DELETE FROM attachments WHERE id = ?').run(id);
    return row?.file_key;
  }

  /** The file keys of a ticket's attachments, to remove after the ticket is destroyed. */
  keysOfTicket(ticketId: number): string[] {
    const rows = this.db
      .prepare('SELECT a.file_key FROM attachments a JOIN comments c ON c.id = a.comment_id WHERE c.ticket_id = ?')
      .all(ticketId) as { file_key: string }[];
    return rows.map((r) => r.file_key);
  }

  /** Drops uploads that expired unattached, with their rows; returns their file keys. */
  sweepExpired(at: number): string[] {
    const rows = this.db
      .prepare('SELECT a.file_key FROM attachments a JOIN uploads u ON u.token = a.upload_token WHERE u.used_at IS NULL AND u.expires_at <= ?')
      .all(at) as { file_key: string }[];
    this.db.prepare('DELETE FROM uploads WHERE used_at IS NULL AND expires_at <= ?').run(at);
    return rows.map((r) => r.file_key);
  }
}
