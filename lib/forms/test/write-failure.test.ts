import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HelpdeskTimeoutError, HelpdeskUnauthorizedError, HelpdeskValidationError } from '../../helpdesk/errors';
import { sessionEndedState, unfinishedWriteState } from '../write-failure';

test('a refusal of what was typed quotes the help desk and says the text is kept', () => {
  const state = unfinishedWriteState({ kind: 'failed', error: new HelpdeskValidationError(['Subject is too long.']), unsure: false }, 'request', '/requests/new');
  assert.deepEqual(state, { message: 'The help desk did not accept the request: Subject is too long. Your text is still here.' });
});

test('a session that ended at the help desk offers to sign in again and come back', () => {
  const state = unfinishedWriteState({ kind: 'failed', error: new HelpdeskUnauthorizedError(), unsure: false }, 'reply', '/requests/42');
  assert.equal(state.signInHref, '/login?expired=1&next=%2Frequests%2F42');
  assert.match(state.message, /Your session has ended\. Your text is still here\./);
  assert.deepEqual(sessionEndedState('/requests/42'), { message: state.message, signInHref: '/login?next=%2Frequests%2F42' });
});

test('a time-out keeps the text, offers no sign-in, and says sending again is safe', () => {
  const state = unfinishedWriteState({ kind: 'failed', error: new HelpdeskTimeoutError(), unsure: true }, 'reply', '/requests/42');
  assert.equal(state.signInHref, undefined);
  assert.match(state.message, /took too long.*Your text is still here.*won’t be filed twice/);
});
