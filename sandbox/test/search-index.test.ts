// The search index stays in step with tickets and comments whatever writes them (triggers), and a
// database made before search existed is indexed when it is first opened (the migration).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { call, createEndUser, createRequest, freshApp, text, v2call, xml } from './helpers';

const frank = { email: 'frank@example.com', password: 'frank-password' };
const basicFor = (user: { email: string; password: string }) => `Basic ${Buffer.from(`${user.email}:${user.password}`).toString('base64')}`;

/** What the index holds, and what it should hold derived afresh from tickets and public comments. */
function indexAgainstTables(db: Database.Database): { indexed: unknown[]; derived: unknown[] } {
  const indexed = db.prepare('SELECT rowid AS id, subject, conversation, owner FROM request_search ORDER BY rowid').all();
  const derived = db
    .prepare(
      `SELECT t.id AS id, t.subject AS subject,
         COALESCE((SELECT group_concat(value, char(10)) FROM (SELECT value FROM comments c WHERE c.ticket_id = t.id AND c.is_public = 1 ORDER BY c.created_at, c.id)), '') AS conversation,
         'u' || t.requester_id AS owner
       FROM tickets t ORDER BY t.id`,
    )
    .all();
  return { indexed, derived };
}

async function put(app: FastifyInstance, url: string, body: string): Promise<void> {
  const res = await call(app, 'PUT', url, { as: 'agent', body });
  assert.equal(res.status, 200, res.body);
}

describe('the search index', () => {
  it('follows every kind of write, in both dialects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-search-'));
    const dbPath = join(dir, 'sandbox.db');
    const app = await freshApp({ dbPath });
    const peek = new Database(dbPath, { readonly: true });
    try {
      await createEndUser(app, frank.email, frank.password, 'Frank');
      const a = await createRequest(app, frank, 'First subject', 'First description');
      const created = await v2call(app, 'POST', '/api/v2/requests.json', { auth: basicFor(frank), json: { request: { subject: 'By v2', comment: { body: 'A v2 body' } } } });
      assert.equal(created.status, 201, created.body);
      const b = JSON.parse(created.body).request.id as number;
      await put(app, `/tickets/${a}.xml`, '<comment><is-public>true</is-public><value>A public reply</value></comment>');
      await put(app, `/tickets/${a}.xml`, '<comment><is-public>false</is-public><value>A private note</value></comment>');
      await put(app, `/tickets/${a}.xml`, '<ticket><subject>Renamed subject</subject></ticket>');
      const v2note = await v2call(app, 'PUT', `/api/v2/tickets/${b}.json`, { auth: 'agent', json: { ticket: { comment: { body: 'v2 note', public: false } } } });
      assert.equal(v2note.status, 200, v2note.body);
      const reply = await call(app, 'PUT', `/requests/${b}.xml`, { as: frank, body: '<comment><value>Frank again</value></comment>' });
      assert.equal(reply.status, 200, reply.body);
      // Moved to another requester by an agent: now in their search, not Frank's.
      const bobId = Number(text(xml(await call(app, 'GET', '/users/current.xml', { as: 'bob' })), 'id'));
      await put(app, `/tickets/${b}.xml`, `<ticket><requester-id>${bobId}</requester-id></ticket>`);
      const gone = await createRequest(app, frank, 'To be deleted', 'Bye');
      assert.equal((await call(app, 'DELETE', `/tickets/${gone}.xml`, { as: 'agent' })).status, 200);

      const { indexed, derived } = indexAgainstTables(peek);
      assert.deepEqual(indexed, derived);
      assert.ok(JSON.stringify(indexed).includes('A public reply'));
      assert.ok(!JSON.stringify(indexed).includes('private note'));
      assert.ok(!JSON.stringify(indexed).includes('v2 note'));
      const frankFinds = xml(await call(app, 'GET', '/requests/search.xml?query=v2&status=all', { as: frank }));
      assert.equal(frankFinds.attrs['count'], '0', 'the moved request is no longer Frank\'s to find');
      const bobFinds = xml(await call(app, 'GET', '/requests/search.xml?query=v2&status=all', { as: 'bob' }));
      assert.equal(bobFinds.attrs['count'], '1');
    } finally {
      peek.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is built for a database made before search existed, then kept in step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-migrate-'));
    const dbPath = join(dir, 'sandbox.db');
    try {
      let app = await freshApp({ dbPath });
      await createEndUser(app, frank.email, frank.password, 'Frank');
      const old = await createRequest(app, frank, 'Old request', 'Made before the upgrade, about a gramophone');
      await app.close();
      // The database as an older sandbox left it: no index, no triggers.
      const raw = new Database(dbPath);
      for (const { name } of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'request_search%'").all() as { name: string }[]) {
        raw.exec(`DROP TRIGGER ${name}`);
      }
      raw.exec('DROP TABLE request_search');
      raw.close();

      app = await freshApp({ dbPath });
      try {
        const found = xml(await call(app, 'GET', '/requests/search.xml?query=gramophone', { as: frank }));
        assert.deepEqual(found.children.map((t) => Number(text(t, 'nice-id'))), [old]);
        const added = await createRequest(app, frank, 'New request', 'Another gramophone');
        const again = xml(await call(app, 'GET', '/requests/search.xml?query=gramophone&sort-by=created-at', { as: frank }));
        assert.deepEqual(again.children.map((t) => Number(text(t, 'nice-id'))), [added, old]);
      } finally {
        await app.close();
      }
      const peek = new Database(dbPath, { readonly: true });
      const { indexed, derived } = indexAgainstTables(peek);
      peek.close();
      assert.deepEqual(indexed, derived);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
