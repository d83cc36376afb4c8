import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Comment, SupportRequest } from '@/lib/helpdesk';
import { ownComments, replyIntent, solvedHref, solvedSince } from '../solve';

const you = { id: '7', name: 'Zoë', role: 'you', hasPhoto: false } as const;
const agent = { id: '2', name: 'Ann', role: 'agent', hasPhoto: false } as const;
const comment = (author: Comment['author'], createdAt: string, body: string): Comment => ({ author, createdAt, body, attachments: [] });

function request(status: SupportRequest['status'], comments: Comment[], updatedAt = '2026-11-30T10:00:05Z'): SupportRequest {
  return {
    id: '42',
    subject: 'Printer',
    description: 'It jams',
    status,
    createdAt: '2026-11-30T09:00:00Z',
    updatedAt,
    comments,
    requester: you,
    type: null,
    priority: null,
    canBeSolvedByMe: false,
    followUpOf: null,
    ccs: [],
    access: 'requester',
  };
}

const SINCE = Date.parse('2026-11-30T10:00:00Z');

test('the pressed button decides: only "solve" solves, anything else is a reply', () => {
  const form = (intent?: string) => {
    const data = new FormData();
    if (intent !== undefined) data.set('intent', intent);
    return data;
  };
  assert.equal(replyIntent(form('solve')), 'solve');
  assert.equal(replyIntent(form('reply')), 'reply');
  assert.equal(replyIntent(form()), 'reply', 'the form sent by Enter or an older page');
  assert.equal(replyIntent(form('SOLVE')), 'reply');
});

test('a solve without a last word is found as the request solved since the attempt, keyed by that moment', () => {
  assert.deepEqual(solvedSince(request('solved', []), '', SINCE), [{ key: 'solved:42:2026-11-30T10:00:05Z', id: '42', at: Date.parse('2026-11-30T10:00:05Z') }]);
  assert.equal(solvedSince(request('closed', []), '', SINCE).length, 1);
  assert.deepEqual(solvedSince(request('open', []), '', SINCE), [], 'not solved: nothing to find, so it is sent');
  assert.deepEqual(solvedSince(request('solved', [], '2026-11-30T09:59:00Z'), '', SINCE), [], 'solved before the attempt: not its doing');
});

test('a solve with a last word is found as that comment, only on a request that is solved', () => {
  const comments = [comment(you, '2026-11-30T09:00:00Z', 'It jams'), comment(agent, '2026-11-30T10:00:01Z', 'Thanks, all good.'), comment(you, '2026-11-30T10:00:03Z', 'Thanks, all good.\n')];
  assert.deepEqual(solvedSince(request('solved', comments), 'Thanks, all good.', SINCE), [
    { key: 'comment:42:2026-11-30T10:00:03Z:0', id: '42', at: Date.parse('2026-11-30T10:00:03Z') },
  ]);
  // The same words as a plain reply, on a request still open, are not this solve's.
  assert.deepEqual(solvedSince(request('open', comments), 'Thanks, all good.', SINCE), []);
});

test('own comments are told apart by their second and their place in it', () => {
  const same = '2026-11-30T10:00:03Z';
  const found = ownComments(request('open', [comment(you, same, 'Hi'), comment(agent, same, 'Hi'), comment(you, same, 'Hi')]), 'Hi', SINCE);
  assert.deepEqual(
    found.map((f) => f.key),
    [`comment:42:${same}:0`, `comment:42:${same}:2`],
  );
});

test('after solving, the page says whether a last word went with it', () => {
  assert.equal(solvedHref('42', ''), '/requests/42?solved=1');
  assert.equal(solvedHref('42', '  \n'), '/requests/42?solved=1');
  assert.equal(solvedHref('42', 'Thanks'), '/requests/42?solved=1&replied=1#latest');
});
