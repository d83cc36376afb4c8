// CCs and organizations in both dialects: who may see a request, reply to it, list it and download
// its files (sandbox/request-access.ts), over the demo set plus people made here.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { call, child, createEndUser, createRequest, expectError, expectV2Error, freshApp, json, text, v2call, xml } from './helpers';

const xmlBody = (body: string) => ({ body, contentType: 'application/xml' });
const carol = { email: 'cc-carol@example.com', password: 'carol-password-1' };
const dave = { email: 'org-dave@example.com', password: 'dave-password-12' };
const erin = { email: 'other-erin@example.com', password: 'erin-password-12' };
const basicOf = (who: { email: string; password: string }) => `Basic ${Buffer.from(`${who.email}:${who.password}`).toString('base64')}`;

async function control(app: FastifyInstance, method: 'POST' | 'PATCH' | 'PUT', url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await call(app, method, `/_sandbox${url}`, { as: 'admin', body: JSON.stringify(body), contentType: 'application/json' });
  assert.ok(res.status < 300, res.body);
  return JSON.parse(res.body) as Record<string, unknown>;
}

describe('CCs and shared organizations', () => {
  let app: FastifyInstance;
  let carolId = 0;
  let daveId = 0;
  let orgId = 0;
  before(async () => {
    app = await freshApp();
    carolId = await createEndUser(app, carol.email, carol.password, 'Carol Copied');
    daveId = await createEndUser(app, dave.email, dave.password, 'Dave Colleague');
    await createEndUser(app, erin.email, erin.password, 'Erin Elsewhere');
    orgId = ((await control(app, 'POST', '/organizations', { name: 'Shared Co', shared_tickets: true, shared_comments: false }))['organization'] as { id: number }).id;
    const other = ((await control(app, 'POST', '/organizations', { name: 'Other Co', shared_tickets: true, shared_comments: true }))['organization'] as { id: number }).id;
    // Bob (4) and Dave share an organization; Erin is in another one.
    await control(app, 'PUT', '/users/4/organization', { organization_id: orgId });
    await control(app, 'PUT', `/users/${daveId}/organization`, { organization_id: orgId });
    const erinId = Number(text(xml(await call(app, 'GET', '/users/current.xml', { as: erin })), 'id'));
    await control(app, 'PUT', `/users/${erinId}/organization`, { organization_id: other });
  });
  after(() => app.close());

  it('classic: <collaborators> on a new request copies people in; they see it in /requests/ccd and open it, named in <users>, never by email', async () => {
    const res = await call(app, 'POST', '/requests.xml', {
      as: 'alice',
      ...xmlBody(`<ticket><subject>Projector</subject><description>Broken</description><collaborators>${carol.email} new-person@example.com</collaborators></ticket>`),
    });
    assert.equal(res.status, 201, res.body);
    const id = text(xml(res), 'nice-id');
    const ids = child(xml(res), 'collaborator-ids').children.map((c) => c.text);
    assert.equal(ids.length, 2);
    assert.ok(ids.includes(String(carolId)));
    const list = xml(await call(app, 'GET', '/requests/ccd.xml', { as: carol }));
    assert.deepEqual(list.children.map((t) => text(t, 'nice-id')), [id]);
    const shown = await call(app, 'GET', `/requests/${id}.xml`, { as: carol });
    assert.equal(shown.status, 200);
    assert.match(shown.body, /<name>Carol Copied<\/name>/);
    assert.ok(!shown.body.includes('new-person@example.com') && !shown.body.includes(carol.email), 'no email in the view');
    // Not in the CC's own list, and not anyone else's business.
    assert.equal(xml(await call(app, 'GET', '/requests.xml?status=all', { as: carol })).children.length, 0);
    expectError(await call(app, 'GET', `/requests/${id}.xml`, { as: 'bob' }), 404);
  });

  it('classic: a CC replies (their own comment), and <additional-collaborators> adds more; a bad address is a 422 naming it, nothing saved', async () => {
    const id = await createRequest(app, 'alice', 'Badge reader');
    const bad = await call(app, 'PUT', `/requests/${id}.xml`, {
      as: 'alice',
      ...xmlBody(`<ticket><additional-collaborators>${carol.email} not-an-address</additional-collaborators><comment><value>Copying Carol</value></comment></ticket>`),
    });
    expectError(bad, 422, /not-an-address/);
    assert.equal(xml(await call(app, 'GET', `/requests/${id}.xml`, { as: 'alice' })).children.length > 0, true);
    assert.ok(!(await call(app, 'GET', `/requests/${id}.xml`, { as: 'alice' })).body.includes('Copying Carol'));
    const ok = await call(app, 'PUT', `/requests/${id}.xml`, {
      as: 'alice',
      ...xmlBody(`<ticket><additional-collaborators>${carol.email}</additional-collaborators><comment><value>Copying Carol</value></comment></ticket>`),
    });
    assert.equal(ok.status, 200, ok.body);
    const reply = await call(app, 'PUT', `/requests/${id}.xml`, { as: carol, ...xmlBody('<comment><value>Carol here</value></comment>') });
    assert.equal(reply.status, 200, reply.body);
    const last = child(xml(reply), 'comments').children.at(-1)!;
    assert.equal(text(last, 'author-id'), String(carolId));
  });

  it('an organization that shares tickets: a colleague lists and reads, may not comment without shared comments; another organization gets 404', async () => {
    const bobs = await createRequest(app, 'bob', 'Team printer');
    const orgList = xml(await call(app, 'GET', '/requests/organization.xml?status=all', { as: dave }));
    assert.ok(orgList.children.some((t) => text(t, 'nice-id') === String(bobs)));
    assert.equal((await call(app, 'GET', `/requests/${bobs}.xml`, { as: dave })).status, 200);
    expectError(await call(app, 'PUT', `/requests/${bobs}.xml`, { as: dave, ...xmlBody('<comment><value>Me too</value></comment>') }), 403);
    expectError(await call(app, 'GET', `/requests/${bobs}.xml`, { as: erin }), 404);
    expectError(await call(app, 'GET', `/requests/${bobs}.xml`, { as: 'alice' }), 404);
    assert.ok(!xml(await call(app, 'GET', '/requests/organization.xml?status=all', { as: erin })).children.some((t) => text(t, 'nice-id') === String(bobs)));
    expectError(await call(app, 'GET', '/requests/organization.xml', { as: 'alice' }), 403);
    // Shared comments on: the colleague may reply.
    await control(app, 'PATCH', `/organizations/${orgId}`, { shared_comments: true });
    assert.equal((await call(app, 'PUT', `/requests/${bobs}.xml`, { as: dave, ...xmlBody('<comment><value>Me too</value></comment>') })).status, 200);
    // Not shared any more: the colleague gets the same 404 as for a missing request.
    await control(app, 'PATCH', `/organizations/${orgId}`, { shared_tickets: false });
    expectError(await call(app, 'GET', `/requests/${bobs}.xml`, { as: dave }), 404);
    await control(app, 'PATCH', `/organizations/${orgId}`, { shared_tickets: true, shared_comments: false });
  });

  it("a public comment's file: the CC and a sharing colleague may download it, another organization may not", async () => {
    const up = await call(app, 'POST', '/uploads.xml?filename=plan.txt', { as: 'bob', body: 'floor plan', contentType: 'text/plain' });
    assert.equal(up.status, 201, up.body);
    const token = text(xml(up), 'token');
    const made = await call(app, 'POST', '/requests.xml', {
      as: 'bob',
      ...xmlBody(`<ticket><subject>Plan</subject><description>Attached</description><uploads>${token}</uploads><collaborators>${carol.email}</collaborators></ticket>`),
    });
    assert.equal(made.status, 201, made.body);
    const fileId = text(child(child(child(xml(made), 'comments').children[0]!, 'attachments'), 'attachment'), 'id');
    assert.equal((await call(app, 'GET', `/attachments/${fileId}`, { as: carol })).status, 200);
    assert.equal((await call(app, 'GET', `/attachments/${fileId}`, { as: dave })).status, 200);
    expectError(await call(app, 'GET', `/attachments/${fileId}`, { as: erin }), 404);
    expectError(await call(app, 'GET', `/attachments/${fileId}`, { as: 'alice' }), 404);
  });

  it('users/current and users/me say the organization and whether it shares', async () => {
    const current = xml(await call(app, 'GET', '/users/current.xml', { as: dave }));
    assert.equal(text(current, 'organization-id'), String(orgId));
    assert.equal(text(child(current, 'organization'), 'shared-tickets'), 'true');
    assert.equal(text(child(current, 'organization'), 'shared-comments'), 'false');
    const me = json<{ user: { organization_id: number }; organizations: { id: number; shared_tickets: boolean; shared_comments: boolean }[] }>(
      await v2call(app, 'GET', '/api/v2/users/me.json?include=organizations', { auth: basicOf(dave) }),
    );
    assert.equal(me.user.organization_id, orgId);
    assert.deepEqual(me.organizations.map((o) => [o.id, o.shared_tickets, o.shared_comments]), [[orgId, true, false]]);
    assert.equal(child(xml(await call(app, 'GET', '/users/current.xml', { as: 'alice' })), 'organization').attrs['nil'], 'true');
  });

  it('v2: collaborators on create, additional_collaborators on update, collaborator_ids and email_cc_ids, /requests/ccd, the organization list', async () => {
    const created = await v2call(app, 'POST', '/api/v2/requests.json', { auth: 'alice', json: { request: { subject: 'Keys', comment: { body: 'Lost' }, collaborators: [carol.email] } } });
    assert.equal(created.status, 201, created.body);
    const request = json<{ request: { id: number; collaborator_ids: number[]; email_cc_ids: number[] } }>(created).request;
    assert.deepEqual(request.collaborator_ids, [carolId]);
    assert.deepEqual(request.email_cc_ids, [carolId]);
    const ccd = json<{ requests: { id: number }[] }>(await v2call(app, 'GET', '/api/v2/requests/ccd.json?status=open,new', { auth: basicOf(carol) }));
    assert.ok(ccd.requests.some((r) => r.id === request.id));
    const shown = json<{ users: { id: number; name: string; email?: string }[] }>(await v2call(app, 'GET', `/api/v2/requests/${request.id}.json?include=users`, { auth: basicOf(carol) }));
    assert.ok(shown.users.some((u) => u.id === carolId && u.name === 'Carol Copied'));
    assert.equal(shown.users.find((u) => u.id === 3)?.email, undefined, "the requester's email is not shown to a CC");
    const reply = await v2call(app, 'PUT', `/api/v2/requests/${request.id}.json`, { auth: basicOf(carol), json: { request: { comment: { body: 'On it' } } } });
    assert.equal(reply.status, 200, reply.body);
    const bad = await v2call(app, 'PUT', `/api/v2/requests/${request.id}.json`, { auth: 'alice', json: { request: { additional_collaborators: ['nope'], comment: { body: 'x' } } } });
    expectV2Error(bad, 422, 'RecordInvalid');
    assert.match(bad.body, /nope/);
    const orgList = await v2call(app, 'GET', `/api/v2/organizations/${orgId}/requests.json`, { auth: basicOf(dave) });
    assert.equal(orgList.status, 200, orgList.body);
    expectV2Error(await v2call(app, 'GET', `/api/v2/organizations/${orgId}/requests.json`, { auth: basicOf(erin) }), 403, 'Forbidden');
    expectV2Error(await v2call(app, 'GET', `/api/v2/requests/${request.id}.json`, { auth: basicOf(dave) }), 404, 'RecordNotFound');
  });
});

describe('the demo people (what npm start shows)', () => {
  it("Alice finds Dana's request among those she is copied on; Bob, Dana's colleague, in his organization's; both may reply", async () => {
    const { buildSandbox } = await import('../app');
    const { DEMO_COLLEAGUE, DEMO_SHARED_SUBJECT } = await import('../demo-people');
    const app = await buildSandbox({ dbPath: ':memory:', demo: true, demoPeople: true });
    try {
      const ccd = xml(await call(app, 'GET', '/requests/ccd.xml', { as: 'alice' }));
      assert.deepEqual(ccd.children.map((t) => text(t, 'subject')), [DEMO_SHARED_SUBJECT]);
      const org = xml(await call(app, 'GET', '/requests/organization.xml?status=all', { as: 'bob' }));
      assert.ok(org.children.some((t) => text(t, 'subject') === DEMO_SHARED_SUBJECT));
      assert.ok(org.children.some((t) => text(t, 'subject') === 'Monitor flickers after docking'), "Bob's own request is the organization's too");
      const id = text(ccd.children[0]!, 'nice-id');
      assert.equal((await call(app, 'PUT', `/requests/${id}.xml`, { as: 'bob', ...xmlBody('<comment><value>Bob here</value></comment>') })).status, 200);
      assert.equal((await call(app, 'PUT', `/requests/${id}.xml`, { as: 'alice', ...xmlBody('<comment><value>Alice here</value></comment>') })).status, 200);
      assert.equal((await call(app, 'GET', '/requests/organization.xml', { as: { email: DEMO_COLLEAGUE.email, password: DEMO_COLLEAGUE.password } })).status, 200);
      expectError(await call(app, 'GET', '/requests/organization.xml', { as: 'alice' }), 403);
    } finally {
      await app.close();
    }
  });
});
