import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HelpdeskBadResponseError, HelpdeskRateLimitedError, HelpdeskTimeoutError, HelpdeskUnavailableError, HelpdeskValidationError } from '../../helpdesk/errors';
import { createSharedState } from '../../platform/shared-state';
import { mayHaveBeenApplied, submitOnce, type SubmitOnceOptions } from '../submit-once';

/** A pretend help desk: what it holds, how often it was written to and searched. */
function helpdesk() {
  const created: { id: string; at: number }[] = [];
  return {
    created,
    sends: 0,
    searches: 0,
    create(at: number) {
      const id = String(100 + created.length);
      created.push({ id, at });
      return id;
    },
  };
}

const token = () => Math.random().toString(36).slice(2).padEnd(20, 'x');

function options(overrides: Partial<SubmitOnceOptions> & Pick<SubmitOnceOptions, 'send' | 'findEarlier'>): SubmitOnceOptions {
  return { store: createSharedState(undefined), requesterId: '7', token: token(), scope: 'same-text', timeoutMs: 3_000, ...overrides };
}

/** What the pretend help desk holds since `since`, as a search finds it. */
const foundSince = (desk: ReturnType<typeof helpdesk>, since: number) =>
  desk.created.filter((c) => c.at >= since).map((c) => ({ key: `request:${c.id}`, id: c.id, at: c.at }));

describe('submitOnce', () => {
  test('the first submit sends; the same token again goes to the same result without sending', async () => {
    const desk = helpdesk();
    const base = options({ send: async () => (desk.sends++, desk.create(Date.now())), findEarlier: async () => (desk.searches++, []) });
    assert.deepEqual(await submitOnce(base), { kind: 'done', id: '100', repeat: false });
    assert.deepEqual(await submitOnce(base), { kind: 'done', id: '100', repeat: true });
    assert.equal(desk.sends, 1);
    assert.equal(desk.searches, 0);
    // Another requester presenting the same token learns nothing from it.
    assert.deepEqual(await submitOnce({ ...base, requesterId: '8' }), { kind: 'done', id: '101', repeat: false });
  });

  test('a concurrent double submit waits for the first and yields the same id', async () => {
    const desk = helpdesk();
    const base = options({
      send: async () => {
        desk.sends++;
        await new Promise((r) => setTimeout(r, 300));
        return desk.create(Date.now());
      },
      findEarlier: async () => [],
    });
    const [a, b] = await Promise.all([submitOnce(base), submitOnce(base)]);
    assert.equal(desk.sends, 1);
    assert.equal(a.kind === 'done' && a.id, '100');
    assert.equal(b.kind === 'done' && b.id, '100');
  });

  test('a clear refusal (503, 429, 422) leaves the token free: the retry sends, without a search first', async () => {
    for (const refusal of [new HelpdeskUnavailableError('503', { status: 503 }), new HelpdeskRateLimitedError(30), new HelpdeskValidationError(['Subject is too long'])]) {
      const desk = helpdesk();
      let fail = true;
      const base = options({
        send: async () => {
          desk.sends++;
          if (fail) throw refusal;
          return desk.create(Date.now());
        },
        findEarlier: async () => (desk.searches++, []),
      });
      const first = await submitOnce(base);
      assert.equal(first.kind, 'failed');
      assert.equal(first.kind === 'failed' && first.unsure, false);
      fail = false;
      assert.deepEqual(await submitOnce(base), { kind: 'done', id: '100', repeat: false });
      assert.equal(desk.searches, 0, refusal.name);
    }
  });

  test('a time-out whose write landed late is found on the retry, not sent again', async () => {
    const desk = helpdesk();
    let clock = 1_000_000;
    let attempt = 0;
    const base = options({
      now: () => clock,
      send: async () => {
        desk.sends++;
        if (attempt++ === 0) {
          clock += 3_000;
          throw new HelpdeskTimeoutError();
        }
        return desk.create(clock);
      },
      findEarlier: async (since) => (desk.searches++, foundSince(desk, since)),
    });
    const first = await submitOnce(base);
    assert.equal(first.kind === 'failed' && first.unsure, true);

    // Retried at once: the help desk hasn't stored it yet, and it may still: nothing is sent.
    clock += 200;
    assert.deepEqual(await submitOnce(base), { kind: 'settling' });
    // The slow help desk finishes the first attempt; the next retry finds it.
    desk.create(clock);
    clock += 1_000;
    assert.deepEqual(await submitOnce(base), { kind: 'done', id: '100', repeat: true });
    assert.deepEqual(await submitOnce(base), { kind: 'done', id: '100', repeat: true });
    assert.equal(desk.sends, 1);
    assert.equal(desk.created.length, 1);
  });

  test('a dropped connection that never reached the help desk: the retry searches, finds nothing, sends once', async () => {
    const desk = helpdesk();
    let drop = true;
    const base = options({
      send: async () => {
        desk.sends++;
        if (drop) throw new HelpdeskUnavailableError('help desk connection failed (ECONNRESET)');
        return desk.create(Date.now());
      },
      findEarlier: async () => (desk.searches++, []),
    });
    const first = await submitOnce(base);
    assert.equal(first.kind === 'failed' && first.unsure, true);
    drop = false;
    assert.deepEqual(await submitOnce(base), { kind: 'done', id: '100', repeat: false });
    assert.equal(desk.searches, 1);
    assert.equal(desk.sends, 2);
  });

  test('if the search itself fails, nothing is sent: the text may already be there', async () => {
    const desk = helpdesk();
    const base = options({
      send: async () => {
        desk.sends++;
        throw new HelpdeskBadResponseError('truncated');
      },
      findEarlier: async () => {
        throw new HelpdeskUnavailableError('help desk answered 500', { status: 500 });
      },
    });
    await submitOnce(base);
    const second = await submitOnce(base);
    assert.equal(second.kind === 'failed' && second.unsure, true);
    assert.equal(desk.sends, 1);
  });

  test('when the shared state is unreachable, nothing is sent and the caller is told so', async () => {
    let sends = 0;
    const broken = createSharedState(undefined);
    broken.claim = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    const outcome = await submitOnce(options({ store: broken, send: async () => String(++sends), findEarlier: async () => [] }));
    assert.deepEqual(outcome, { kind: 'store-unavailable' });
    assert.equal(sends, 0);
  });

  describe('the same text from another form', () => {
    /** A pretend conversation: replies are comments the help desk does not name in its answer. */
    function conversation() {
      const comments: { at: number }[] = [];
      return {
        comments,
        add(at: number) {
          comments.push({ at });
        },
        find: async (since: number) =>
          comments.map((c, place) => ({ key: `comment:42:${c.at}:${place}`, id: '42', at: c.at })).filter((c) => c.at >= since),
      };
    }

    test('an earlier identical reply is never taken as this form’s: when this one never arrived, it is sent', async () => {
      const desk = conversation();
      const store = createSharedState(undefined);
      let clock = 1_000_000;
      const shared = { store, now: () => clock, findEarlier: desk.find };
      // The first form's "Thanks!" goes through.
      const first = options({ ...shared, send: async () => (desk.add(clock), '42') });
      assert.deepEqual(await submitOnce(first), { kind: 'done', id: '42', repeat: false });
      // Moments later, a new form's "Thanks!" breaks off before the help desk reads it.
      clock += 20_000;
      let drop = true;
      const second = options({
        ...shared,
        send: async () => {
          if (drop) throw new HelpdeskUnavailableError('help desk connection failed (ECONNRESET)');
          desk.add(clock);
          return '42';
        },
      });
      assert.equal((await submitOnce(second)).kind, 'failed');
      drop = false;
      clock += 5_000;
      assert.deepEqual(await submitOnce(second), { kind: 'done', id: '42', repeat: false });
      assert.equal(desk.comments.length, 2);
    });

    test('when this one did arrive late, it is the one found: not the earlier form’s, and not sent again', async () => {
      const desk = conversation();
      const store = createSharedState(undefined);
      let clock = 1_000_000;
      const shared = { store, now: () => clock, findEarlier: desk.find };
      await submitOnce(options({ ...shared, send: async () => (desk.add(clock), '42') }));
      clock += 20_000;
      let sends = 0;
      const second = options({
        ...shared,
        send: async () => {
          sends++;
          clock += 3_000;
          throw new HelpdeskTimeoutError();
        },
      });
      assert.equal((await submitOnce(second)).kind, 'failed');
      desk.add(clock + 500);
      clock += 5_000;
      assert.deepEqual(await submitOnce(second), { kind: 'done', id: '42', repeat: true });
      assert.equal(sends, 1);
      // Its comment is now its own: a third form's lost attempt takes neither.
      clock += 5_000;
      const third = options({ ...shared, send: async () => { throw new HelpdeskUnavailableError('reset'); } });
      await submitOnce(third);
      const retry = await submitOnce({ ...third, send: async () => (desk.add(clock), '42') });
      assert.deepEqual(retry, { kind: 'done', id: '42', repeat: false });
      assert.equal(desk.comments.length, 3);
    });

    test('a request the help desk named for one form is never another form’s result', async () => {
      const desk = helpdesk();
      const store = createSharedState(undefined);
      const shared = { store, findEarlier: async (since: number) => foundSince(desk, since), keyOfSent: (id: string) => `request:${id}` };
      assert.deepEqual(await submitOnce(options({ ...shared, send: async () => desk.create(Date.now()) })), { kind: 'done', id: '100', repeat: false });
      let drop = true;
      const second = options({
        ...shared,
        send: async () => {
          if (drop) throw new HelpdeskUnavailableError('reset');
          return desk.create(Date.now());
        },
      });
      await submitOnce(second);
      drop = false;
      assert.deepEqual(await submitOnce(second), { kind: 'done', id: '101', repeat: false });
    });

    test('two forms unsure of the same text: one result is claimed by one of them only', async () => {
      const desk = conversation();
      const store = createSharedState(undefined);
      const clock = 1_000_000;
      const shared = { store, now: () => clock, findEarlier: desk.find };
      const lost = () => options({ ...shared, send: async () => { throw new HelpdeskUnavailableError('reset'); } });
      const [a, b] = [lost(), lost()];
      await submitOnce(a);
      await submitOnce(b);
      desk.add(clock); // one of the two arrived after all
      const sent = async () => (desk.add(clock), '42');
      const outcomes = await Promise.all([submitOnce({ ...a, send: sent }), submitOnce({ ...b, send: sent })]);
      assert.deepEqual(outcomes.map((o) => o.kind === 'done' && o.repeat).sort(), [false, true]);
      assert.equal(desk.comments.length, 2);
    });
  });

  test('which failures may have been applied', () => {
    assert.equal(mayHaveBeenApplied(new HelpdeskTimeoutError()), true);
    assert.equal(mayHaveBeenApplied(new HelpdeskUnavailableError('reset')), true);
    assert.equal(mayHaveBeenApplied(new HelpdeskUnavailableError('500', { status: 500 })), true);
    assert.equal(mayHaveBeenApplied(new HelpdeskUnavailableError('502', { status: 502 })), true);
    assert.equal(mayHaveBeenApplied(new HelpdeskBadResponseError('html')), true);
    assert.equal(mayHaveBeenApplied(new HelpdeskUnavailableError('503', { status: 503 })), false);
    assert.equal(mayHaveBeenApplied(new HelpdeskRateLimitedError(5)), false);
    assert.equal(mayHaveBeenApplied(new HelpdeskValidationError(['no'])), false);
  });
});
