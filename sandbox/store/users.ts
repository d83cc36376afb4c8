// Users, groups and password hashes.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Db } from '../db';

export const ROLE = { endUser: 0, agent: 2, admin: 4 } as const;
export type Role = 0 | 2 | 4;

export interface UserRow {
  id: number;
  name: string;
  email: string;
  password_hash: string | null;
  roles: Role;
  created_at: number;
  verified: 0 | 1;
  password_changed_at: number | null;
  photo_attachment_id: number | null;
}

export const isStaff = (u: UserRow) => u.roles >= ROLE.agent;

// scrypt's default cost (N=2^14, ~50 ms here). Verified credentials are cached
// by auth.ts, so the cost is paid once per email+password per process.
const COST = { N: 16384, r: 8, p: 1 };
const KEY_LEN = 32;

function scrypt(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64; each user gets a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LEN, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

// Used when the email is unknown, so a miss costs as much time as a wrong password.
const DUMMY_SALT = randomBytes(16);

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$') ?? [];
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    await scrypt(password, DUMMY_SALT, KEY_LEN, COST);
    return false;
  }
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export class UserStore {
  constructor(private readonly db: Db, private readonly now: () => number) {}

  byId(id: number): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  /** Emails are unique regardless of case. */
  byEmail(email: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE email = ? COLLATE NOCASE').get(email) as UserRow | undefined;
  }

  create(u: { name: string; email: string; passwordHash: string | null; roles: Role; createdAt?: number; verified?: boolean }): UserRow {
    const info = this.db
      .prepare('INSERT INTO users (name, email, password_hash, roles, created_at, verified) VALUES (?, ?, ?, ?, ?, ?)')
      .run(u.name, u.email, u.passwordHash, u.roles, u.createdAt ?? this.now(), u.verified === false ? 0 : 1);
    return this.byId(Number(info.lastInsertRowid))!;
  }

  /** Users by id, for sideloading; missing ids are skipped. */
  byIds(ids: readonly number[]): UserRow[] {
    if (ids.length === 0) return [];
    return this.db.prepare(`SELECT * FROM users WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`).all(...ids) as UserRow[];
  }

  /** One page of all users, by id. */
  page(offset: number, limit: number): { total: number; items: UserRow[] } {
    const total = (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
    const items = this.db.prepare('SELECT * FROM users ORDER BY id LIMIT ? OFFSET ?').all(limit, offset) as UserRow[];
    return { total, items };
  }

  setPassword(id: number, passwordHash: string, roles: Role): void {
    this.db.prepare('UPDATE users SET password_hash = ?, roles = ? WHERE id = ?').run(passwordHash, roles, id);
  }

  rename(id: number, name: string): void {
    this.db.prepare('UPDATE users SET name = ? WHERE id = ?').run(name, id);
  }

  setPhoto(id: number, attachmentId: number | null): void {
    this.db.prepare('UPDATE users SET photo_attachment_id = ? WHERE id = ?').run(attachmentId, id);
  }

  /** A new password set for the user (by an admin, or by themself), remembering when. */
  changePassword(id: number, passwordHash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(passwordHash, this.now(), id);
  }

  ensureGroup(name: string): number {
    this.db.prepare('INSERT OR IGNORE INTO groups (name) VALUES (?)').run(name);
    return (this.db.prepare('SELECT id FROM groups WHERE name = ?').get(name) as { id: number }).id;
  }

  addToGroup(groupId: number, userId: number): void {
    this.db.prepare('INSERT OR IGNORE INTO group_memberships (group_id, user_id) VALUES (?, ?)').run(groupId, userId);
  }

  groupExists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM groups WHERE id = ?').get(id) !== undefined;
  }

  isMember(groupId: number, userId: number): boolean {
    return this.db.prepare('SELECT 1 FROM group_memberships WHERE group_id = ? AND user_id = ?').get(groupId, userId) !== undefined;
  }

  /** The seed's rule: an assignee given without a group lands in the first
   * group the agent belongs to (lowest id), or in the only group there is. */
  defaultGroupFor(userId: number): number | undefined {
    const first = this.db
      .prepare('SELECT group_id AS id FROM group_memberships WHERE user_id = ? ORDER BY group_id LIMIT 1')
      .get(userId) as { id: number } | undefined;
    if (first) return first.id;
    const all = this.db.prepare('SELECT id FROM groups LIMIT 2').all() as { id: number }[];
    return all.length === 1 ? all[0]?.id : undefined;
  }
}
