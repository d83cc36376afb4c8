import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildNewRequestXml, buildRequestUpdateXml, parseRequestXml } from '../classic/xml';
import { HelpdeskValidationError, reasonFromText } from '../errors';
import type { Caller } from '../types';
import { buildCommentJson, buildNewRequestJson } from '../v2/bodies';
import { parseCommentsJson, parseRequestDetailsJson } from '../v2/json';
import * as example from './v2-examples';

/**
 * Issue 12's details, read and written by both dialects' parsers: who everyone on a request is
 * (names, roles, photos), type and priority, whether the customer may mark it solved, which closed
 * request it follows up, and the bodies that solve and follow up.
 */

const ann: Caller = { credentials: { kind: 'password', email: 'ann@example.com', password: 'pw' }, requesterId: '3' };

/** The sandbox's single-request answer (sandbox/README.md): the seed's view plus its extensions. */
const classicRequest = (extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<ticket>
  <can-be-solved-by-me>true</can-be-solved-by-me>
  <created-at>2026-11-28T02:10:00Z</created-at>
  <description>Jams</description>
  <followup-source-id>1</followup-source-id>
  <nice-id>4</nice-id>
  <priority-id>3</priority-id>
  <requester-id>3</requester-id>
  <status-id>1</status-id>
  <subject>Printer</subject>
  <ticket-type-id>2</ticket-type-id>
  <comments type="array">
    <comment><author-id>3</author-id><created-at>2026-11-28T02:10:00Z</created-at><value>Jams</value></comment>
    <comment><author-id>2</author-id><created-at>2026-11-28T03:10:00Z</created-at><value>Looking into it</value></comment>
    <comment><author-id>7</author-id><created-at>2026-11-28T04:10:00Z</created-at><value>Me too</value></comment>
    <comment><author-id>1</author-id><created-at>2026-11-28T05:10:00Z</created-at><value>Fixed?</value></comment>
  </comments>
  <users type="array">
    <user><id>1</id><name>Sandbox Admin</name><roles>4</roles></user>
    <user><id>2</id><name>Ada Agent</name><roles>2</roles></user>
    <user><id>3</id><name>Alice Andersen</name><roles>0</roles></user>
    <user><id>7</id><name> Cole League </name><roles>0</roles></user>
  </users>${extra}
</ticket>`;

describe('classic: the request view with the sandbox\'s extensions', () => {
  test('authors by name and role from <users>: you, agents and admins, other customers', () => {
    const request = parseRequestXml(classicRequest(), ann);
    assert.deepEqual(
      request.comments.map((c) => c.author),
      [
        { id: '3', name: 'Alice Andersen', role: 'you', hasPhoto: false },
        { id: '2', name: 'Ada Agent', role: 'agent', hasPhoto: false },
        { id: '7', name: 'Cole League', role: 'other', hasPhoto: false },
        { id: '1', name: 'Sandbox Admin', role: 'agent', hasPhoto: false },
      ],
    );
    assert.deepEqual(request.requester, { id: '3', name: 'Alice Andersen', role: 'you', hasPhoto: false });
  });

  test('type and priority by the seed\'s tables, can-be-solved-by-me, followup-source-id', () => {
    const request = parseRequestXml(classicRequest(), ann);
    assert.deepEqual(
      { type: request.type, priority: request.priority, canBeSolvedByMe: request.canBeSolvedByMe, followUpOf: request.followUpOf },
      { type: 'incident', priority: 'high', canBeSolvedByMe: true, followUpOf: '1' },
    );
    const unset = parseRequestXml(
      classicRequest()
        .replace('<priority-id>3<', '<priority-id>0<')
        .replace('<ticket-type-id>2<', '<ticket-type-id>9<')
        .replace('<can-be-solved-by-me>true<', '<can-be-solved-by-me>TRUE-ish<')
        .replace('<followup-source-id>1</followup-source-id>', '<followup-source-id nil="true"></followup-source-id>'),
      ann,
    );
    assert.deepEqual({ type: unset.type, priority: unset.priority, canBeSolvedByMe: unset.canBeSolvedByMe, followUpOf: unset.followUpOf }, { type: null, priority: null, canBeSolvedByMe: false, followUpOf: null });
  });

  test('one person in <users> is still a list; a request someone else asked names them as other', () => {
    const one = classicRequest().replace(/<users type="array">[\s\S]*<\/users>/, '<users type="array"><user><id>9</id><name>Bea</name><roles>0</roles></user></users>').replace('<requester-id>3<', '<requester-id>9<');
    const request = parseRequestXml(one, ann);
    assert.deepEqual(request.requester, { id: '9', name: 'Bea', role: 'other', hasPhoto: false });
    // Authors the help desk did not list: no name, and not staff.
    assert.equal(request.comments[1]?.author.role, 'other');
  });

  test('a new request names the closed request it follows up, and its files; bad tokens never leave', () => {
    assert.equal(
      buildNewRequestXml({ subject: 'Again', description: 'Still broken', uploads: ['tok1', 'tok2'], followUpOf: '12' }),
      '<ticket><subject>Again</subject><description>Still broken</description><uploads>tok1 tok2</uploads><via-followup-source-id>12</via-followup-source-id></ticket>',
    );
    assert.equal(buildNewRequestXml({ subject: 's', description: 'd', uploads: [], followUpOf: null }), '<ticket><subject>s</subject><description>d</description></ticket>');
    for (const token of ['a b', '<x>', '', 'ä']) assert.throws(() => buildNewRequestXml({ subject: 's', description: 'd', uploads: [token], followUpOf: null }), HelpdeskValidationError, token);
  });

  test('solving is one PUT: <ticket><solved> with the comment inside, or alone', () => {
    assert.equal(buildRequestUpdateXml({ body: 'Thanks', uploads: [], solve: false }), '<comment><value>Thanks</value></comment>');
    assert.equal(buildRequestUpdateXml({ body: 'Thanks', uploads: ['t1'], solve: false }), '<comment><value>Thanks</value><uploads>t1</uploads></comment>');
    assert.equal(buildRequestUpdateXml({ body: 'Thanks', uploads: [], solve: true }), '<ticket><solved>true</solved><comment><value>Thanks</value></comment></ticket>');
    assert.equal(buildRequestUpdateXml({ body: '', uploads: [], solve: true }), '<ticket><solved>true</solved></ticket>');
  });
});

describe('v2: the Request object\'s details and the users sideloaded with it', () => {
  const show = (request: object, users: object[] = []) => JSON.stringify({ request: { ...example.request33, ...request }, users });

  test('requester named from include=users; type, priority, can_be_solved_by_me, followup_source_id', () => {
    const details = parseRequestDetailsJson(
      show({ can_be_solved_by_me: true, followup_source_id: 12 }, [{ id: 1462, name: 'Ann Customer', role: 'end-user', photo: null }, { id: 1461, name: 'Sam Agent', role: 'agent' }]),
      { ...ann, requesterId: '1462' },
    );
    assert.deepEqual(
      { requester: details.requester, type: details.type, priority: details.priority, canBeSolvedByMe: details.canBeSolvedByMe, followUpOf: details.followUpOf },
      { requester: { id: '1462', name: 'Ann Customer', role: 'you', hasPhoto: false }, type: 'incident', priority: 'normal', canBeSolvedByMe: true, followUpOf: '12' },
    );
    // Agent-only fields of the same answer stay behind.
    const text = JSON.stringify(details);
    for (const leak of ['1461', 'Sam Agent', '98738', '745', 'support@example.com', '509974']) assert.ok(!text.includes(leak), leak);
  });

  test('only the JSON true solves; unknown type or priority is none; a string follow-up id of digits is read', () => {
    for (const value of ['true', 1, null, undefined]) assert.equal(parseRequestDetailsJson(show({ can_be_solved_by_me: value }), ann).canBeSolvedByMe, false, String(value));
    const odd = parseRequestDetailsJson(show({ type: 'Incident', priority: 42, followup_source_id: '77' }), ann);
    assert.deepEqual({ type: odd.type, priority: odd.priority, followUpOf: odd.followUpOf }, { type: null, priority: null, followUpOf: '77' });
    assert.equal(parseRequestDetailsJson(show({ followup_source_id: null }), ann).followUpOf, null);
  });

  test('hasPhoto: a user whose photo is an Attachment object with a content_url', () => {
    const comments = [{ id: 1, body: 'x', author_id: 1461, public: true, created_at: '2024-05-01T10:00:00Z' }];
    const photo = { id: 5, file_name: 'me.png', content_url: 'https://example.zendesk.com/attachments/token/abc/?name=me.png', content_type: 'image/png', size: 10, thumbnails: [] };
    for (const [value, expected] of [[photo, true], [null, false], [{}, false], ['me.png', false]] as const) {
      const [first] = parseCommentsJson(JSON.stringify({ comments, users: [{ id: 1461, name: 'Sam', role: 'agent', photo: value }] }), ann);
      assert.equal(first?.author.hasPhoto, expected, JSON.stringify(value));
      assert.ok(!JSON.stringify(first).includes('abc'), 'the photo address never leaves the adapter');
    }
  });

  test('follow-up and files in Create Request; comment, files and solved in one Update Request', () => {
    assert.deepEqual(JSON.parse(buildNewRequestJson({ subject: 'Again', description: 'Still', uploads: ['t1', 't2'], followUpOf: '12' })), {
      request: { subject: 'Again', comment: { body: 'Still', uploads: ['t1', 't2'] }, via_followup_source_id: 12 },
    });
    assert.deepEqual(JSON.parse(buildCommentJson({ body: 'Thanks', uploads: [], solve: true })), { request: { comment: { body: 'Thanks' }, solved: true } });
    assert.deepEqual(JSON.parse(buildCommentJson({ body: '', uploads: [], solve: true })), { request: { solved: true } });
    assert.deepEqual(JSON.parse(buildCommentJson({ body: 'See file', uploads: ['t3'], solve: false })), { request: { comment: { body: 'See file', uploads: ['t3'] } } });
    assert.throws(() => buildCommentJson({ body: 'x', uploads: ['"},"solved":true'], solve: false }), HelpdeskValidationError);
  });
});

describe('refusals of the new kinds are read into reasons', () => {
  test('each help desk\'s words for solving, following up and files', () => {
    const cases: [string, string, string][] = [
      ['This request cannot be marked as solved by you now.', 'other', 'not_solvable'],
      ['This request cannot be marked as solved by you now (can-be-solved-by-me is false)', 'other', 'not_solvable'],
      ['Request 5 cannot be followed up: only a request that is closed can be (it is open)', 'other', 'not_followable'],
      ['The file is too large: at most 20971520 bytes', 'file', 'too_large'],
      ['Executable files cannot be uploaded (.exe)', 'file', 'file_type'],
      ['Upload token abc is unknown, expired or already attached', 'file', 'upload'],
      ['Closed requests cannot be updated', 'other', 'closed'],
      ['Description: cannot be blank', 'description', 'blank'],
    ];
    for (const [text, field, problem] of cases) assert.deepEqual(reasonFromText(text), { field, problem }, text);
  });
});
