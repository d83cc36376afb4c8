import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HelpdeskTimeoutError, HelpdeskUnauthorizedError } from '../../helpdesk/errors';
import { sessionEndedAtHelpdesk, sessionEndedState, unfinishedWriteState } from '../write-failure';

test('an unfinished write comes back as its outcome, a code the UI puts into words', () => {
  const outcome = { kind: 'failed', error: new HelpdeskTimeoutError(), unsure: true } as const;
  assert.deepEqual(unfinishedWriteState(outcome, '/requests/42'), { problem: outcome });
  assert.deepEqual(unfinishedWriteState({ kind: 'store-unavailable' }, '/requests/new'), { problem: { kind: 'store-unavailable' } });
});

test('a 401 on the write ends the session: sign in again, marked expired, and come back to the form', () => {
  const outcome = { kind: 'failed', error: new HelpdeskUnauthorizedError(), unsure: false } as const;
  assert.equal(sessionEndedAtHelpdesk(outcome), true);
  assert.equal(sessionEndedAtHelpdesk({ kind: 'failed', error: new HelpdeskTimeoutError(), unsure: true }), false);
  assert.deepEqual(unfinishedWriteState(outcome, '/requests/42'), { problem: outcome, signInHref: '/login?expired=1&next=%2Frequests%2F42' });
});

test('a session that ended before anything was sent says so, and comes back to the form after sign-in', () => {
  assert.deepEqual(sessionEndedState('/requests/new'), { problem: { kind: 'session-ended' }, signInHref: '/login?next=%2Frequests%2Fnew' });
});
