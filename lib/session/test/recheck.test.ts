import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { HelpdeskUnavailableError, HelpdeskUnauthorizedError } from '../../helpdesk/errors';
import type { Credentials, Helpdesk, Requester } from '../../helpdesk/types';
import { captureLogs } from '../../platform/log';
import { createSharedState, type SharedState } from '../../platform/shared-state';
import { canRecheck, changedSinceSignIn, passwordChangedSince } from '../recheck';
import { claimRecheck, endSession, markRechecked, sessionStatus } from '../revocation';

const id = () => Math.random().toString(36).slice(2);
const ann: Requester = { id: '328', name: 'Ann', email: 'ann@example.com' };
const signedInAt = Date.parse('2026-11-29T12:00:00.400Z');

test('a password changed after the sign-in ends the session; before it, or never, does not', () => {
  assert.equal(changedSinceSignIn('2026-11-29T12:05:00.000Z', signedInAt), true);
  assert.equal(changedSinceSignIn('2026-11-29T11:59:59.000Z', signedInAt), false);
  assert.equal(changedSinceSignIn(undefined, signedInAt), false);
  // Whole seconds: a change shown in the second of the sign-in counts as after it.
  assert.equal(changedSinceSignIn('2026-11-29T12:00:00.000Z', signedInAt), true);
  // A session with no start time is older than any change.
  assert.equal(changedSinceSignIn('2001-01-01T00:00:00.000Z', undefined), true);
});

test('only on-behalf-of sessions re-check, and only where the help desk reports password changes', () => {
  const desk = (signInMode: Helpdesk['signInMode'], passwordChanges: boolean) => ({
    signInMode,
    capabilities: { attachments: false, solveRequests: false, customFields: false, search: false, passwordChanges, ccs: false, sharedLists: false },
  });
  assert.equal(canRecheck(desk('on-behalf-of', true), false), true);
  assert.equal(canRecheck(desk('on-behalf-of', false), false), false);
  // End-user mode: the customer's own password failing (401) already ends the session.
  assert.equal(canRecheck(desk('end-user', true), true), false);
  assert.equal(canRecheck(desk('on-behalf-of', true), true), false);
});

function fakeDesk(whoAmI: (credentials: Credentials) => Promise<Requester>, onBehalfOf: Helpdesk['onBehalfOf'] = (email) => ({ kind: 'on-behalf-of', email })) {
  const calls: Credentials[] = [];
  const desk = {
    onBehalfOf,
    whoAmI: async (credentials: Credentials) => {
      calls.push(credentials);
      return whoAmI(credentials);
    },
  } as unknown as Helpdesk;
  return { desk, calls };
}

test('the re-check asks the help desk who the customer is, on their behalf, and compares the time', async () => {
  const changed = fakeDesk(async () => ({ ...ann, passwordChangedAt: '2026-11-29T13:00:00.000Z' }));
  assert.equal(await passwordChangedSince(ann, signedInAt, changed.desk), true);
  assert.deepEqual(changed.calls, [{ kind: 'on-behalf-of', email: 'ann@example.com' }]);
  const unchanged = fakeDesk(async () => ({ ...ann, passwordChangedAt: '2026-11-28T13:00:00.000Z' }));
  assert.equal(await passwordChangedSince(ann, signedInAt, unchanged.desk), false);
  const silent = fakeDesk(async () => ann);
  assert.equal(await passwordChangedSince(ann, signedInAt, silent.desk), false);
});

test('a help desk that cannot be reached, or refuses the portal, ends nothing (and says so in the log)', async () => {
  const lines: string[] = [];
  captureLogs(lines);
  mock.method(console, 'warn', () => {});
  const down = fakeDesk(async () => Promise.reject(new HelpdeskUnavailableError('help desk timed out')));
  assert.equal(await passwordChangedSince(ann, signedInAt, down.desk), false);
  const refused = fakeDesk(async () => Promise.reject(new HelpdeskUnauthorizedError('agent refused')));
  assert.equal(await passwordChangedSince(ann, signedInAt, refused.desk), false);
  assert.equal(lines.filter((line) => line.includes('session_recheck_failed')).length, 2);
  // A bug is not a help desk problem: it is not swallowed.
  const broken = fakeDesk(async () => Promise.reject(new TypeError('bug')));
  await assert.rejects(passwordChangedSince(ann, signedInAt, broken.desk), TypeError);
  // No on-behalf-of credentials: nothing to ask.
  const none = fakeDesk(async () => ann, () => null);
  assert.equal(await passwordChangedSince(ann, signedInAt, none.desk), false);
  assert.equal(none.calls.length, 0);
});

test('the re-check is due once per interval per session, across every instance sharing the state', async () => {
  const state = createSharedState(undefined);
  const session = { sid: id(), userId: id(), signedInAt: Date.now() };
  assert.deepEqual(await sessionStatus(session, { recheck: false }, state), { ended: false, recheckDue: false });
  assert.deepEqual(await sessionStatus(session, { recheck: true }, state), { ended: false, recheckDue: true });
  // Two requests at once: only one takes the turn to ask the help desk.
  assert.deepEqual(await Promise.all([claimRecheck(session, 1, state), claimRecheck(session, 1, state)]).then((r) => r.sort()), [false, true]);
  assert.deepEqual(await sessionStatus(session, { recheck: true }, state), { ended: false, recheckDue: false });
  // Another session of the same user has its own turn.
  assert.equal((await sessionStatus({ ...session, sid: id() }, { recheck: true }, state)).recheckDue, true);
  // After the interval, due again.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  assert.equal((await sessionStatus(session, { recheck: true }, state)).recheckDue, true);
  // A fresh sign-in counts as checked.
  await markRechecked(session, 60, state);
  assert.equal((await sessionStatus(session, { recheck: true }, state)).recheckDue, false);
  // An ended session is not re-checked: it is over.
  const ended = { sid: id(), userId: id(), signedInAt: Date.now() };
  await endSession(ended, 60, state);
  assert.deepEqual(await sessionStatus(ended, { recheck: true }, state), { ended: true, recheckDue: false });
  // A cookie from before session ids is named by user and start time.
  const legacy = { userId: id(), signedInAt: Date.now() };
  await markRechecked(legacy, 60, state);
  assert.equal((await sessionStatus(legacy, { recheck: true }, state)).recheckDue, false);
  assert.equal((await sessionStatus({ ...legacy, signedInAt: legacy.signedInAt + 1 }, { recheck: true }, state)).recheckDue, true);
});

test('with the re-check folded in, checking a session is still one shared-state read', async () => {
  let reads = 0;
  const memory = createSharedState(undefined);
  const counting: SharedState = { ...memory, redis: null, getMany: async (keys) => (reads++, memory.getMany(keys)), get: memory.get.bind(memory), set: memory.set.bind(memory), claim: memory.claim.bind(memory), delete: memory.delete.bind(memory) };
  await sessionStatus({ sid: id(), userId: id(), signedInAt: 1 }, { recheck: true }, counting);
  await sessionStatus({ userId: id(), signedInAt: 1 }, { recheck: true }, counting);
  assert.equal(reads, 2);
});
