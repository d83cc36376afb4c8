import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HelpdeskTimeoutError, HelpdeskUnauthorizedError, HelpdeskValidationError } from '@/lib/helpdesk/errors';
import { createTranslator } from 'use-intl/core';
import en from '@/lib/i18n/messages/en.json';
import de from '@/lib/i18n/messages/de.json';
import { inWords } from '../write-messages';

const t = createTranslator({ locale: 'en', messages: en });
import { sessionEndedState, unfinishedWriteState } from '@/lib/forms/write-failure';

test('a refusal of what was typed quotes the help desk and says the text is kept', () => {
  const state = inWords(t, unfinishedWriteState({ kind: 'failed', error: new HelpdeskValidationError(['Subject is too long.']), unsure: false }, '/requests/new'), 'request');
  assert.deepEqual(state, { message: 'The help desk did not accept the request: Subject is too long. Your text is still here.' });
});

test('a session that ended at the help desk offers to sign in again and come back', () => {
  const state = inWords(t, unfinishedWriteState({ kind: 'failed', error: new HelpdeskUnauthorizedError(), unsure: false }, '/requests/42'), 'reply');
  assert.equal(state.signInHref, '/login?expired=1&next=%2Frequests%2F42');
  assert.match(state.message ?? '', /Your session has ended\. Your text is still here\./);
  assert.deepEqual(inWords(t, sessionEndedState('/requests/42'), 'reply'), { message: state.message, signInHref: '/login?next=%2Frequests%2F42' });
});

test('a time-out keeps the text, offers no sign-in, and says sending again is safe', () => {
  const state = inWords(t, unfinishedWriteState({ kind: 'failed', error: new HelpdeskTimeoutError(), unsure: true }, '/requests/42'), 'reply');
  assert.equal(state.signInHref, undefined);
  assert.match(state.message ?? '', /took too long.*Your text is still here.*won’t be filed twice/);
});

test('the problem travels as codes: lib/ says what went wrong, the UI says it in words', () => {
  const state = unfinishedWriteState({ kind: 'in-flight' }, '/requests/new');
  assert.deepEqual(state, { problem: { kind: 'in-flight' } });
  assert.equal(inWords(t, state, 'request').message, 'This request is already being sent. Your text is still here. Wait a few seconds and press Submit request again: we check first, so it won’t be filed twice.');
});

test('the same problem reads in the customer’s language, the help desk’s own reason as written', () => {
  const german = createTranslator({ locale: 'de', messages: de });
  const state = inWords(german, unfinishedWriteState({ kind: 'failed', error: new HelpdeskValidationError(['Subject is too long.']), unsure: false }, '/requests/new'), 'request');
  assert.match(state.message ?? '', /Subject is too long\./);
  assert.doesNotMatch(state.message ?? '', /did not accept|Your text is still here/);
});
