// POST /users and GET /users/{id}.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { call, expectError, freshApp, text, xml } from './helpers';

const userXml = (name: string, email: string, password: string | null, roles: string) =>
  `<user><name>${name}</name><email>${email}</email>${password === null ? '' : `<password>${password}</password>`}<roles>${roles}</roles></user>`;

describe('users', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await freshApp();
  });
  after(() => app.close());

  it('an admin creates a user who can then sign in', async () => {
    const res = await call(app, 'POST', '/users.xml', { as: 'admin', body: userXml('Carol Č', 'carol@example.com', 'carol pw ü', '0') });
    assert.equal(res.status, 201, res.body);
    const u = xml(res);
    assert.equal(res.headers['location'], `/users/${text(u, 'id')}.xml`);
    assert.deepEqual(u.children.map((c) => c.name), ['created-at', 'email', 'id', 'name', 'password-changed-at', 'roles']);
    assert.equal(text(u, 'name'), 'Carol Č');
    const me = await call(app, 'GET', '/users/current.xml', { as: { email: 'carol@example.com', password: 'carol pw ü' } });
    assert.equal(text(xml(me), 'id'), text(u, 'id'));
    assert.equal((await call(app, 'GET', `/users/${text(u, 'id')}`, { as: 'agent' })).body, res.body);
  });

  it('an admin creates agents and admins; an agent creates only end users', async () => {
    assert.equal((await call(app, 'POST', '/users', { as: 'admin', body: userXml('Dan', 'dan@example.com', 'dan-pw', '2') })).status, 201);
    assert.equal((await call(app, 'POST', '/users', { as: 'admin', body: userXml('Eve', 'eve@example.com', 'eve-pw', '4') })).status, 201);
    assert.equal((await call(app, 'POST', '/users', { as: 'agent', body: userXml('Fay', 'fay@example.com', 'fay-pw', '0') })).status, 201);
    expectError(await call(app, 'POST', '/users', { as: 'agent', body: userXml('Gil', 'gil@example.com', 'gil-pw', '2') }), 403);
    // The new agent is an agent.
    assert.equal((await call(app, 'GET', '/rules/1.xml', { as: { email: 'dan@example.com', password: 'dan-pw' } })).status, 200);
  });

  it('a user made without a password exists but cannot sign in', async () => {
    assert.equal((await call(app, 'POST', '/users', { as: 'admin', body: userXml('Hal', 'hal@example.com', null, '0') })).status, 201);
    expectError(await call(app, 'GET', '/users/current', { as: { email: 'hal@example.com', password: '' } }), 401);
    expectError(await call(app, 'GET', '/users/current', { as: { email: 'hal@example.com', password: 'anything' } }), 401);
  });

  it('refuses duplicates and bad fields with 422', async () => {
    const post = (body: string) => call(app, 'POST', '/users.xml', { as: 'admin', body });
    expectError(await post(userXml('Alice 2', 'ALICE@example.com', 'pw', '0')), 422, /taken/);
    expectError(await post('<user><email>x@example.com</email></user>'), 422, /name/);
    expectError(await post('<user><name>X</name></user>'), 422, /email/);
    expectError(await post(userXml('X', 'not-an-email', 'pw', '0')), 422, /email/);
    expectError(await post(userXml('X', 'x@example.com', 'pw', '1')), 422, /roles/);
    expectError(await post(userXml('X', 'x@example.com', 'pw', 'admin')), 422, /roles/);
    expectError(await post('<user><name>X</name><email>x@example.com</email><admin>true</admin></user>'), 422, /<admin>/);
    expectError(await post('<person><name>X</name></person>'), 422, /<user>/);
    expectError(await call(app, 'GET', '/users/424242.xml', { as: 'agent' }), 404);
  });
});
