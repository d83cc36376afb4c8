// API tokens and OAuth access tokens for the v2 dialect. Secrets are random,
// returned once by create(), and stored only as a SHA-256: a copied database
// file gives no working credentials.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';

export const OAUTH_SCOPES = ['read', 'write', 'impersonate'] as const;
export type OAuthScope = (typeof OAUTH_SCOPES)[number];

export interface ApiTokenRow {
  id: number;
  description: string;
  created_at: number;
}

export interface OAuthTokenRow {
  id: number;
  user_id: number;
  client_id: number | null;
  token_prefix: string;
  scopes: string;
  created_at: number;
  used_at: number | null;
}

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newSecret = () => randomBytes(32).toString('hex');

export class TokenStore {
  constructor(private readonly db: Db) {}

  createApiToken(description: string, at: number): { row: ApiTokenRow; secret: string } {
    const secret = newSecret();
    const info = this.db.prepare('INSERT INTO api_tokens (token_hash, description, created_at) VALUES (?, ?, ?)').run(sha256(secret), description, at);
    return { row: { id: Number(info.lastInsertRowid), description, created_at: at }, secret };
  }

  /** An API token with a secret chosen by whoever starts the sandbox (SANDBOX_API_TOKEN); kept if it exists. */
  ensureApiToken(secret: string, description: string, at: number): void {
    if (!this.apiTokenExists(secret)) this.db.prepare('INSERT INTO api_tokens (token_hash, description, created_at) VALUES (?, ?, ?)').run(sha256(secret), description, at);
  }

  /** An OAuth token with a chosen secret (SANDBOX_OAUTH_TOKEN) for this user; kept if it exists. */
  ensureOAuthToken(userId: number, secret: string, scopes: readonly OAuthScope[], at: number): void {
    if (this.oauthBySecret(secret)) return;
    this.db
      .prepare('INSERT INTO oauth_tokens (user_id, client_id, token_hash, token_prefix, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(userId, null, sha256(secret), secret.slice(0, 10), scopes.join(' '), at);
  }

  /** Any API token works for any user of the account, as in the help desk. */
  apiTokenExists(secret: string): boolean {
    return this.db.prepare('SELECT 1 FROM api_tokens WHERE token_hash = ?').get(sha256(secret)) !== undefined;
  }

  createOAuthToken(userId: number, clientId: number | null, scopes: readonly OAuthScope[], at: number): { row: OAuthTokenRow; secret: string } {
    const secret = newSecret();
    const info = this.db
      .prepare('INSERT INTO oauth_tokens (user_id, client_id, token_hash, token_prefix, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(userId, clientId, sha256(secret), secret.slice(0, 10), scopes.join(' '), at);
    return { row: this.oauthById(Number(info.lastInsertRowid))!, secret };
  }

  oauthById(id: number): OAuthTokenRow | undefined {
    return this.db.prepare('SELECT id, user_id, client_id, token_prefix, scopes, created_at, used_at FROM oauth_tokens WHERE id = ?').get(id) as
      | OAuthTokenRow
      | undefined;
  }

  /** The OAuth token with this secret, if any. */
  oauthBySecret(secret: string): OAuthTokenRow | undefined {
    return this.db
      .prepare('SELECT id, user_id, client_id, token_prefix, scopes, created_at, used_at FROM oauth_tokens WHERE token_hash = ?')
      .get(sha256(secret)) as OAuthTokenRow | undefined;
  }

  markUsed(id: number, at: number): void {
    this.db.prepare('UPDATE oauth_tokens SET used_at = ? WHERE id = ?').run(at, id);
  }
}
