import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HelpdeskTimeoutError, HelpdeskUnauthorizedError, HelpdeskValidationError } from '@/lib/helpdesk/errors';
import { createTranslator } from 'use-intl/core';
import en from '@/lib/i18n/messages/en.json';
import de from '@/lib/i18n/messages/de.json';
import { inWords } from '../write-messages';

const t = createTranslator({ locale: 'en', messages: en });
import { sessionEndedState, unfinishedWriteState } from '@/lib/forms/write-failure';

test('a refusal of what was typed says why in the catalog\'s words and that the text is kept', () => {
  const state = inWords(t, unfinishedWriteState({ kind: 'failed', error: new HelpdeskValidationError(['Subject is too long.']), unsure: false }, '/requests/new'), 'request');
  assert.deepEqual(state, { message: 'The help desk did not accept the request: The subject is longer than the help desk allows. Your text is still here.' });
});

test('the help desk\'s reasons are read into codes, never passed through; an unknown one is the general sentence', () => {
  const refused = (...messages: string[]) =>
    inWords(t, unfinishedWriteState({ kind: 'failed', error: new HelpdeskValidationError(messages), unsure: false }, '/requests/42'), 'reply').message;
  assert.equal(refused("Subject can't be blank", '<description> cannot be empty'), 'The help desk did not accept the reply: The subject is empty. The description is empty. Your text is still here.');
  assert.equal(refused('Closed requests cannot be updated'), 'The help desk did not accept the reply: This request is closed and can no longer take replies. Your text is still here.');
  assert.equal(refused('Description: is too long (maximum is 65535 characters)'), 'The help desk did not accept the reply: The description is longer than the help desk allows. Your text is still here.');
  assert.equal(refused('Something <script>only the help desk</script> says'), 'The help desk did not accept the reply: Please check what you entered and try again. Your text is still here.');
  assert.equal(refused(), 'The help desk did not accept the reply: Please check what you entered and try again. Your text is still here.');
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

test('the same problem reads in the customer’s language, the help desk’s reason too', () => {
  const german = createTranslator({ locale: 'de', messages: de });
  const state = inWords(german, unfinishedWriteState({ kind: 'failed', error: new HelpdeskValidationError(['Subject is too long.']), unsure: false }, '/requests/new'), 'request');
  assert.match(state.message ?? '', /Der Betreff ist länger, als der Helpdesk erlaubt\./);
  assert.doesNotMatch(state.message ?? '', /Subject is too long|did not accept|Your text is still here/);
});

test('marking solved has its own words: what the help desk refused, and which button to press again', () => {
  const refused = inWords(t, unfinishedWriteState({ kind: 'failed', error: new HelpdeskValidationError(['This request cannot be marked as solved by you now']), unsure: false }, '/requests/42'), 'solve');
  assert.equal(
    refused.message,
    'The help desk did not let you mark the request as solved: This request can’t be marked as solved right now (it may have changed since you opened it). Your text is still here.',
  );
  const followUp = inWords(t, unfinishedWriteState({ kind: 'failed', error: new HelpdeskValidationError(['Request 7 cannot be followed up: it is not closed']), unsure: false }, '/requests/new'), 'request');
  assert.equal(followUp.message, 'The help desk did not accept the request: That request can’t be followed up: only your own closed requests can. Your text is still here.');
  assert.match(inWords(t, unfinishedWriteState({ kind: 'in-flight' }, '/requests/42'), 'solve').message ?? '', /already being marked as solved.*press the same button again/);
  assert.match(inWords(t, unfinishedWriteState({ kind: 'failed', error: new HelpdeskTimeoutError(), unsure: true }, '/requests/42'), 'solve').message ?? '', /whether your request was marked as solved/);
});
