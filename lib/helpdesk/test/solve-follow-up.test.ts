import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createClassicHelpdesk } from '../classic';
import { HelpdeskBadResponseError, HelpdeskNotFoundError, HelpdeskValidationError } from '../errors';
import type { Caller } from '../types';
import { createV2Helpdesk } from '../v2';
import { failure, FakeHelpdesk, xmlReply, runFakeHelpdesk } from './fake-helpdesk';
import * as example from './v2-examples';

/**
 * Marking solved and following up, against a fake help desk: what each adapter sends (one call),
 * and how it reads the answer. Zendesk answers 200 and changes nothing when a request may not be
 * solved, so "solved" is only believed when the answer says so.
 */

const helpdesk = new FakeHelpdesk();
const caller: Caller = { credentials: { kind: 'password', email: 'ann@example.com', password: 'pw' }, requesterId: '328' };
const seen = () => helpdesk.calls.map((c) => `${c.method} ${c.url}`);
const json = (status: number, body: unknown) => (_req: unknown, res: import('node:http').ServerResponse) =>
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
const classicTicket = (status: string) =>
  `<ticket><nice-id>575</nice-id><created-at>2024-05-01T10:00:00Z</created-at><status-id>${status}</status-id><comments type="array"></comments></ticket>`;

runFakeHelpdesk(helpdesk, 2_000);

describe('classic', () => {
  const classic = createClassicHelpdesk({ agent: null });

  test('solve with a last comment: one PUT of <ticket><solved>, believed when the answer is solved', async () => {
    assert.equal(classic.capabilities.solveRequests, true);
    helpdesk.reset((_req, res) => xmlReply(res, 200, classicTicket('3')));
    await classic.addComment(caller, '575', { body: 'Thanks, all good', uploads: [], solve: true });
    assert.deepEqual(seen(), ['PUT /requests/575.xml']);
    assert.equal(helpdesk.calls[0]?.body, '<ticket><solved>true</solved><comment><value>Thanks, all good</value></comment></ticket>');
  });

  test('a 200 that is not solved, or no answer at all, is not a success', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 200, classicTicket('1')));
    const refused = await failure(classic.addComment(caller, '575', { body: '', uploads: [], solve: true }));
    assert.ok(refused instanceof HelpdeskValidationError);
    assert.deepEqual(refused.reasons, [{ field: 'other', problem: 'not_solvable' }]);
    helpdesk.reset((_req, res) => xmlReply(res, 200, ''));
    assert.ok((await failure(classic.addComment(caller, '575', { body: '', uploads: [], solve: true }))) instanceof HelpdeskBadResponseError);
    // A plain comment with no answer stays fine, as before.
    await classic.addComment(caller, '575', { body: 'x', uploads: [], solve: false });
  });

  test('the sandbox\'s refusal (422) keeps its reason', async () => {
    helpdesk.reset((_req, res) => xmlReply(res, 422, '<errors><error>This request cannot be marked as solved by you now (can-be-solved-by-me is false)</error></errors>'));
    const refused = await failure(classic.addComment(caller, '575', { body: '', uploads: [], solve: true }));
    assert.ok(refused instanceof HelpdeskValidationError && refused.reasons[0]?.problem === 'not_solvable');
  });

  test('a follow-up names the closed request; an id that is not a number never leaves', async () => {
    helpdesk.reset((_req, res) => res.writeHead(201, { Location: '/requests/9.xml' }).end());
    assert.deepEqual(await classic.createRequest(caller, { subject: 'Again', description: 'Still broken', uploads: [], followUpOf: '575' }), { id: '9' });
    assert.match(helpdesk.calls[0]?.body ?? '', /<via-followup-source-id>575<\/via-followup-source-id><\/ticket>$/);
    for (const bad of ['abc', '1 2', '', '-1']) {
      assert.ok((await failure(classic.createRequest(caller, { subject: 's', description: 'd', uploads: [], followUpOf: bad }))) instanceof HelpdeskNotFoundError, bad);
    }
    assert.equal(helpdesk.calls.length, 1);
  });
});

describe('v2', () => {
  const v2 = createV2Helpdesk({ token: null });

  test('solve with and without a comment: one Update Request, believed when the answer is solved', async () => {
    assert.equal(v2.capabilities.solveRequests, true);
    helpdesk.reset(json(200, { request: { ...example.request33, status: 'solved' } }));
    await v2.addComment(caller, '33', { body: 'Thanks!', uploads: [], solve: true });
    await v2.addComment(caller, '33', { body: '', uploads: [], solve: true });
    assert.deepEqual(seen(), ['PUT /api/v2/requests/33.json', 'PUT /api/v2/requests/33.json']);
    assert.deepEqual(helpdesk.calls.map((c) => JSON.parse(c.body) as unknown), [
      { request: { comment: { body: 'Thanks!' }, solved: true } },
      { request: { solved: true } },
    ]);
  });

  test('Zendesk\'s 200 that leaves the request open is a refusal with a reason; an empty answer is a bad response', async () => {
    helpdesk.reset(json(200, { request: { ...example.request33, status: 'open', can_be_solved_by_me: false } }));
    const refused = await failure(v2.addComment(caller, '33', { body: 'Thanks!', uploads: [], solve: true }));
    assert.ok(refused instanceof HelpdeskValidationError);
    assert.deepEqual(refused.reasons, [{ field: 'other', problem: 'not_solvable' }]);
    helpdesk.reset((_req, res) => res.writeHead(200).end());
    assert.ok((await failure(v2.addComment(caller, '33', { body: '', uploads: [], solve: true }))) instanceof HelpdeskBadResponseError);
  });

  test('a follow-up: via_followup_source_id as a number; an id that is not a number never leaves', async () => {
    helpdesk.reset(json(201, { request: { ...example.request33, id: 36, followup_source_id: 33 } }));
    assert.deepEqual(await v2.createRequest(caller, { subject: 'Again', description: 'Still', uploads: [], followUpOf: '33' }), { id: '36' });
    assert.deepEqual(JSON.parse(helpdesk.calls[0]?.body ?? ''), { request: { subject: 'Again', comment: { body: 'Still' }, via_followup_source_id: 33 } });
    assert.ok((await failure(v2.createRequest(caller, { subject: 's', description: 'd', uploads: [], followUpOf: '33/../1' }))) instanceof HelpdeskNotFoundError);
    assert.equal(helpdesk.calls.length, 1);
  });
});
