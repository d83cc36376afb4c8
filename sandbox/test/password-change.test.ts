// Setting a user's password (classic PUT /users/{id}, v2's User Passwords API) and the time of the
// change that both dialects show, so the portal can end sessions older than it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { call, createOAuthToken, expectError, expectV2Error, freshApp, json, text, v2call, xml } from './helpers';

const ALICE = 3;
const changedAt = (who: { email: string; password: string }, app: FastifyInstance) =>
  call(app, 'GET', '/users/current.xml', { as: who }).then((res) => xml(res).children.find((c) => c.name === 'password-changed-at')!);

describe('classic: an admin sets a password', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await freshApp();
  });
  after(() => app.close());

  it('shows no change time until a password is set, then the time; the old password stops working', async () => {
    const before = await changedAt({ email: 'alice@example.com', password: 'alice-password' }, app);
    assert.equal(before.nil, true);
    const start = Math.floor(Date.now() / 1000) * 1000;
    const res = await call(app, 'PUT', `/users/${ALICE}.xml`, { as: 'admin', body: '<user><password>new alice pw</password></user>' });
    assert.equal(res.status, 200, res.body);
    const shown = Date.parse(text(xml(res), 'password-changed-at'));
    assert.ok(shown >= start && shown <= Date.now(), `password-changed-at ${shown} is now`);
    expectError(await call(app, 'GET', '/users/current.xml', { as: { email: 'alice@example.com', password: 'alice-password' } }), 401);
    const after = await changedAt({ email: 'alice@example.com', password: 'new alice pw' }, app);
    assert.equal(Date.parse(after.text), shown);
    // An agent acting for Alice sees the same time (the portal's on-behalf-of re-check).
    const obo = await call(app, 'GET', '/users/current.xml', { as: 'agent', onBehalfOf: 'alice@example.com' });
    assert.equal(Date.parse(text(xml(obo), 'password-changed-at')), shown);
  });

  it('only admins may, only <password> is taken, and a missing user is a 404', async () => {
    expectError(await call(app, 'PUT', '/users/4.xml', { as: 'agent', body: '<user><password>x-pw</password></user>' }), 403);
    expectError(await call(app, 'PUT', '/users/4.xml', { as: 'bob', body: '<user><password>x-pw</password></user>' }), 403);
    expectError(await call(app, 'PUT', '/users/4.xml', { as: 'admin', body: '<user><name>Rob</name></user>' }), 422);
    expectError(await call(app, 'PUT', '/users/4.xml', { as: 'admin', body: '<user></user>' }), 422);
    expectError(await call(app, 'PUT', '/users/4.xml', { as: 'admin', body: '<user><password>  </password></user>' }), 422);
    expectError(await call(app, 'PUT', '/users/999.xml', { as: 'admin', body: '<user><password>x-pw</password></user>' }), 404);
    // Bob's password is untouched by all of that.
    assert.equal((await call(app, 'GET', '/users/current.xml', { as: 'bob' })).status, 200);
  });
});

describe('v2: the User Passwords API', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await freshApp();
  });
  after(() => app.close());

  const me = async (auth: string, onBehalfOf?: string) =>
    json<{ user: { password_changed_at?: string | null } }>(await v2call(app, 'GET', '/api/v2/users/me.json', { auth, ...(onBehalfOf ? { onBehalfOf } : {}) })).user;

  it('an admin sets a password (POST): 200, and users/me carries password_changed_at', async () => {
    assert.equal((await me('alice')).password_changed_at, null);
    const start = Math.floor(Date.now() / 1000) * 1000;
    const res = await v2call(app, 'POST', `/api/v2/users/${ALICE}/password.json`, { auth: 'admin', json: { password: 'new alice pw' } });
    assert.equal(res.status, 200, res.body);
    expectV2Error(await v2call(app, 'GET', '/api/v2/users/me.json', { auth: 'alice' }), 401, "Couldn't authenticate you");
    const basic = `Basic ${Buffer.from('alice@example.com:new alice pw').toString('base64')}`;
    const mine = await v2call(app, 'GET', '/api/v2/users/me.json', { auth: basic });
    assert.equal(mine.status, 200, mine.body);
    const shown = Date.parse(json<{ user: { password_changed_at: string } }>(mine).user.password_changed_at);
    assert.ok(shown >= start && shown <= Date.now());
    // The portal's on-behalf-of re-check: an impersonating token sees the same time.
    const token = `Bearer ${await createOAuthToken(app, ['read', 'impersonate'])}`;
    assert.equal(Date.parse((await me(token, 'alice@example.com')).password_changed_at!), shown);
    // Only staff and the user themself see it: the other users' view leaves it out.
    assert.equal(json<{ user: Record<string, unknown> }>(await v2call(app, 'GET', `/api/v2/users/${ALICE}.json`, { auth: 'agent' })).user['password_changed_at'], new Date(shown).toISOString().replace('.000Z', 'Z'));
  });

  it('POST is for admins only and takes only "password"', async () => {
    expectV2Error(await v2call(app, 'POST', '/api/v2/users/4/password.json', { auth: 'agent', json: { password: 'x-pw' } }), 403, 'Forbidden');
    expectV2Error(await v2call(app, 'POST', '/api/v2/users/4/password.json', { auth: 'admin', json: { password: '' } }), 422, 'RecordInvalid');
    expectV2Error(await v2call(app, 'POST', '/api/v2/users/4/password.json', { auth: 'admin', json: { password: 'x-pw', name: 'Rob' } }), 422, 'RecordInvalid');
    expectV2Error(await v2call(app, 'POST', '/api/v2/users/999/password.json', { auth: 'admin', json: { password: 'x-pw' } }), 404, 'RecordNotFound');
    assert.equal((await v2call(app, 'GET', '/api/v2/users/me.json', { auth: 'bob' })).status, 200);
  });

  it('a user changes their own password (PUT) with the current one, never someone else’s', async () => {
    expectV2Error(await v2call(app, 'PUT', '/api/v2/users/4/password.json', { auth: 'bob', json: { previous_password: 'wrong', password: 'bob-new' } }), 422, 'RecordInvalid');
    expectV2Error(await v2call(app, 'PUT', '/api/v2/users/2/password.json', { auth: 'bob', json: { previous_password: 'bob-password', password: 'bob-new' } }), 403, 'Forbidden');
    const res = await v2call(app, 'PUT', '/api/v2/users/4/password.json', { auth: 'bob', json: { previous_password: 'bob-password', password: 'bob-new' } });
    assert.equal(res.status, 200, res.body);
    const basic = `Basic ${Buffer.from('bob@example.com:bob-new').toString('base64')}`;
    assert.ok((await me(basic)).password_changed_at);
  });
});

describe('an existing database file gains the column', () => {
  it('opens a database made before password_changed_at and shows no change time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbx-pw-'));
    try {
      const dbPath = join(dir, 'old.db');
      const first = await freshApp({ dbPath });
      await first.close();
      const db = new Database(dbPath);
      db.exec('ALTER TABLE users DROP COLUMN password_changed_at');
      db.close();
      const app = await freshApp({ dbPath });
      try {
        assert.equal((await changedAt({ email: 'alice@example.com', password: 'alice-password' }, app)).nil, true);
        assert.equal((await call(app, 'PUT', `/users/${ALICE}.xml`, { as: 'admin', body: '<user><password>pw-2</password></user>' })).status, 200);
      } finally {
        await app.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
