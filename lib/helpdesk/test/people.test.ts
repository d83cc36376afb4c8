import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildNewRequestXml, buildRequestUpdateXml, parseRequestXml, parseUserXml } from '../classic/xml';
import { HelpdeskValidationError } from '../errors';
import type { Caller } from '../types';
import { buildCommentJson, buildNewRequestJson } from '../v2/bodies';
import { parseRequestDetailsJson, parseUserJson } from '../v2/json';

/**
 * CCs and organizations in both dialects' shapes: who is copied on a request (names only, never
 * an email), why the caller may see it, the organization sign-in learns, and the bodies that copy
 * people in.
 */

const carol: Caller = { credentials: { kind: 'password', email: 'carol@example.com', password: 'pw' }, requesterId: '7' };
const dave: Caller = { credentials: { kind: 'password', email: 'dave@example.com', password: 'pw' }, requesterId: '9' };

const classicRequest = `<?xml version="1.0" encoding="UTF-8"?>
<ticket>
  <created-at>2026-11-30T10:00:00Z</created-at><description>Broken</description><nice-id>12</nice-id>
  <requester-id>3</requester-id><status-id>1</status-id><subject>Projector</subject>
  <comments type="array"><comment><author-id>3</author-id><created-at>2026-11-30T10:00:00Z</created-at><value>Broken</value></comment></comments>
  <users type="array">
    <user><id>3</id><name>Alice</name><roles>0</roles><email>alice@example.com</email><photo nil="true"/></user>
    <user><id>7</id><name>Carol Copied</name><roles>0</roles><email>carol@example.com</email><photo nil="true"/></user>
  </users>
  <collaborator-ids type="array"><collaborator-id>7</collaborator-id></collaborator-ids>
</ticket>`;

const v2Request = {
  request: { id: 12, subject: 'Projector', description: 'Broken', status: 'open', created_at: '2026-11-30T10:00:00Z', requester_id: 3, collaborator_ids: [7], email_cc_ids: [7, 8] },
  users: [
    { id: 3, name: 'Alice', role: 'end-user', email: 'alice@example.com' },
    { id: 7, name: 'Carol Copied', role: 'end-user', email: 'carol@example.com' },
    { id: 8, name: 'no-name@example.com', role: 'end-user', email: 'no-name@example.com' },
  ],
};

describe('CCs in the request view', () => {
  test('classic: <collaborator-ids> named from <users>; the caller copied in sees it as a CC', () => {
    const request = parseRequestXml(classicRequest, carol);
    assert.deepEqual(request.ccs, [{ id: '7', name: 'Carol Copied', you: true }]);
    assert.equal(request.access, 'cc');
    assert.equal(parseRequestXml(classicRequest, dave).access, 'organization');
    assert.equal(JSON.stringify(request).includes('@example.com'), false, 'no email reaches the domain type');
  });

  test('v2: email_cc_ids and collaborator_ids, once each; a CC named by an email address stays unnamed, never shown by its address', () => {
    const request = parseRequestDetailsJson(JSON.stringify(v2Request), carol);
    assert.deepEqual(request.ccs, [
      { id: '7', name: 'Carol Copied', you: true },
      { id: '8', name: null, you: false },
    ]);
    assert.equal(request.access, 'cc');
    assert.equal(parseRequestDetailsJson(JSON.stringify(v2Request), { ...carol, requesterId: '3' }).access, 'requester');
    assert.equal(JSON.stringify(request).includes('@example.com'), false);
  });

  test('a view without CCs has none', () => {
    const plain = { request: { ...v2Request.request, collaborator_ids: undefined, email_cc_ids: undefined } };
    assert.deepEqual(parseRequestDetailsJson(JSON.stringify(plain), carol).ccs, []);
  });
});

describe('the organization sign-in learns', () => {
  test('classic: <organization> with shared-tickets and shared-comments; nil is none', () => {
    const user = (org: string) =>
      parseUserXml(`<user><id>9</id><name>Dave</name><email>dave@example.com</email>${org}<password-changed-at nil="true"/><roles>0</roles></user>`);
    assert.deepEqual(user('<organization-id>4</organization-id><organization><id>4</id><name>Co</name><shared-tickets>true</shared-tickets><shared-comments>false</shared-comments></organization>').organization, {
      id: '4',
      sharedTickets: true,
      sharedComments: false,
    });
    assert.equal(user('<organization-id nil="true"/><organization nil="true"/>').organization, undefined);
  });

  test('v2: users/me organization_id with include=organizations; only the JSON value true shares', () => {
    const me = (organizations: unknown) => parseUserJson(JSON.stringify({ user: { id: 9, name: 'Dave', email: 'dave@example.com', organization_id: 4 }, organizations }));
    assert.deepEqual(me([{ id: 4, shared_tickets: true, shared_comments: true }]).organization, { id: '4', sharedTickets: true, sharedComments: true });
    assert.deepEqual(me([{ id: 4, shared_tickets: 'true' }]).organization, { id: '4', sharedTickets: false, sharedComments: false });
    assert.equal(parseUserJson(JSON.stringify({ user: { id: 9, email: 'dave@example.com', organization_id: null } })).organization, undefined);
  });
});

describe('copying people in', () => {
  test('classic: <collaborators> on a new request, <additional-collaborators> beside a reply (and a solve)', () => {
    assert.match(buildNewRequestXml({ subject: 'S', description: 'D', ccEmails: ['a@example.com', 'b@example.com'] }), /<collaborators>a@example.com b@example.com<\/collaborators>/);
    assert.doesNotMatch(buildNewRequestXml({ subject: 'S', description: 'D' }), /collaborators/);
    const reply = buildRequestUpdateXml({ body: 'Hi', uploads: [], solve: false, ccEmails: ['a@example.com'] });
    assert.match(reply, /^<ticket><additional-collaborators>a@example.com<\/additional-collaborators><comment><value>Hi<\/value><\/comment><\/ticket>$/);
    assert.match(buildRequestUpdateXml({ body: '', uploads: [], solve: true, ccEmails: ['a@example.com'] }), /^<ticket><solved>true<\/solved><additional-collaborators>/);
    assert.equal(buildRequestUpdateXml({ body: 'Hi', uploads: [], solve: false }), '<comment><value>Hi</value></comment>');
    assert.throws(() => buildNewRequestXml({ subject: 'S', description: 'D', ccEmails: ['a b@example.com'] }), HelpdeskValidationError);
  });

  test('v2: Create Request collaborators, Update Request additional_collaborators', () => {
    assert.deepEqual(JSON.parse(buildNewRequestJson({ subject: 'S', description: 'D', ccEmails: ['a@example.com'] })).request.collaborators, ['a@example.com']);
    assert.equal('collaborators' in JSON.parse(buildNewRequestJson({ subject: 'S', description: 'D' })).request, false);
    assert.deepEqual(JSON.parse(buildCommentJson({ body: 'Hi', uploads: [], solve: false, ccEmails: ['a@example.com'] })), {
      request: { comment: { body: 'Hi' }, additional_collaborators: ['a@example.com'] },
    });
  });
});
