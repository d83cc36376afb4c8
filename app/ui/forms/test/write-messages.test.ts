import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HelpdeskTimeoutError, HelpdeskUnauthorizedError, HelpdeskValidationError } from '@/lib/helpdesk/errors';
import { inWords } from '../write-messages';
import { sessionEndedState, unfinishedWriteState } from '@/lib/forms/write-failure';

test('a refusal of what was typed quotes the help desk and says the text is kept', () => {
  const state = inWords(unfinishedWriteState({ kind: 'failed', error: new HelpdeskValidationError(['Subject is too long.']), unsure: false }, '/requests/new'), 'request');
  assert.deepEqual(state, { message: 'The help desk did not accept the request: Subject is too long. Your text is still here.' });
});

test('a session that ended at the help desk offers to sign in again and come back', () => {
  const state = inWords(unfinishedWriteState({ kind: 'failed', error: new HelpdeskUnauthorizedError(), unsure: false }, '/requests/42'), 'reply');
  assert.equal(state.signInHref, '/login?expired=1&next=%2Frequests%2F42');
  assert.match(state.message ?? '', /Your session has ended\. Your text is still here\./);
  assert.deepEqual(inWords(sessionEndedState('/requests/42'), 'reply'), { message: state.message, signInHref: '/login?next=%2Frequests%2F42' });
});

test('a time-out keeps the text, offers no sign-in, and says sending again is safe', () => {
  const state = inWords(unfinishedWriteState({ kind: 'failed', error: new HelpdeskTimeoutError(), unsure: true }, '/requests/42'), 'reply');
  assert.equal(state.signInHref, undefined);
  assert.match(state.message ?? '', /took too long.*Your text is still here.*won’t be filed twice/);
});

test('the problem travels as codes: lib/ says what went wrong, the UI says it in words', () => {
  const state = unfinishedWriteState({ kind: 'in-flight' }, '/requests/new');
  assert.deepEqual(state, { problem: { kind: 'in-flight' } });
  assert.equal(inWords(state, 'request').message, 'This request is already being sent. Your text is still here. Wait a few seconds and press Submit request again: we check first, so it won’t be filed twice.');
});
