// v2 paging at the edges: 0, 1, 100 and 101 requests, by offset (page/per_page:
// next_page, previous_page, count) and by cursor (page[size]/page[after]/page[before]:
// meta.has_more, after_cursor, before_cursor, links.next, links.prev).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createV2EndUser, expectV2Error, freshApp, json, v2call } from './helpers';

interface OffsetPage {
  requests: { id: number; subject: string }[];
  next_page: string | null;
  previous_page: string | null;
  count: number;
}
interface CursorPage {
  requests: { id: number; subject: string }[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
}

const SIZES = [0, 1, 100, 101];
const BASE = 'http://localhost:80';

describe('v2 paging', () => {
  let app: FastifyInstance;
  const auth: Record<number, string> = {};
  const ids: Record<number, number[]> = {};

  before(async () => {
    app = await freshApp({ demo: false });
    for (const n of SIZES) {
      await createV2EndUser(app, `user${n}@example.com`, 'pw-' + n);
      auth[n] = `Basic ${Buffer.from(`user${n}@example.com:pw-${n}`).toString('base64')}`;
      ids[n] = [];
      for (let i = 0; i < n; i++) {
        const res = await v2call(app, 'POST', '/api/v2/requests.json', { auth: auth[n], json: { request: { subject: `Request ${i}`, comment: { body: 'x' } } } });
        ids[n]!.push(json<{ request: { id: number } }>(res).request.id);
      }
    }
  });
  after(() => app.close());

  /** Follows a full URL from an answer, as a client would. */
  const follow = (url: string, n: number) => v2call(app, 'GET', url.slice(BASE.length), { auth: auth[n] });

  for (const n of SIZES) {
    it(`offset paging with ${n} request(s): default and maximum per_page 100`, async () => {
      const first = json<OffsetPage>(await v2call(app, 'GET', '/api/v2/requests.json', { auth: auth[n] }));
      assert.equal(first.count, n);
      assert.deepEqual(first.requests.map((r) => r.id), ids[n]!.slice(0, 100));
      assert.equal(first.previous_page, null);
      if (n <= 100) {
        assert.equal(first.next_page, null);
        return;
      }
      assert.equal(first.next_page, `${BASE}/api/v2/requests.json?page=2&per_page=100`);
      const second = json<OffsetPage>(await follow(first.next_page!, n));
      assert.deepEqual(second.requests.map((r) => r.id), ids[n]!.slice(100));
      assert.equal(second.next_page, null);
      assert.equal(second.previous_page, `${BASE}/api/v2/requests.json?page=1&per_page=100`);
      assert.equal(second.count, n);
    });

    it(`cursor paging with ${n} request(s): page[size]=100, forward and back`, async () => {
      const first = json<CursorPage>(await v2call(app, 'GET', '/api/v2/requests.json?page[size]=100', { auth: auth[n] }));
      assert.deepEqual(first.requests.map((r) => r.id), ids[n]!.slice(0, 100));
      assert.equal('count' in first, false, 'cursor pages have no count');
      assert.equal(first.links.prev, null);
      if (n === 0) {
        assert.deepEqual(first.meta, { has_more: false, after_cursor: null, before_cursor: null });
        assert.equal(first.links.next, null);
        return;
      }
      assert.equal(typeof first.meta.after_cursor, 'string');
      assert.equal(typeof first.meta.before_cursor, 'string');
      if (n <= 100) {
        assert.equal(first.meta.has_more, false);
        assert.equal(first.links.next, null);
        return;
      }
      assert.equal(first.meta.has_more, true);
      assert.equal(first.links.next, `${BASE}/api/v2/requests.json?page[size]=100&page[after]=${first.meta.after_cursor}`);
      const second = json<CursorPage>(await follow(first.links.next!, n));
      assert.deepEqual(second.requests.map((r) => r.id), ids[n]!.slice(100));
      assert.equal(second.meta.has_more, false);
      assert.equal(second.links.next, null);
      assert.equal(second.links.prev, `${BASE}/api/v2/requests.json?page[size]=100&page[before]=${second.meta.before_cursor}`);
      const back = json<CursorPage>(await follow(second.links.prev!, n));
      assert.deepEqual(back.requests.map((r) => r.id), ids[n]!.slice(0, 100));
      assert.equal(back.meta.has_more, false, 'nothing further back');
    });
  }

  it('small pages walk the whole list in order with either method, keeping other parameters', async () => {
    const seen: number[] = [];
    let url: string | null = '/api/v2/requests.json?sort_order=desc&page[size]=7';
    while (url) {
      const page: CursorPage = json<CursorPage>(await v2call(app, 'GET', url, { auth: auth[101] }));
      seen.push(...page.requests.map((r) => r.id));
      assert.ok(page.requests.length <= 7);
      url = page.links.next ? page.links.next.slice(BASE.length) : null;
      if (url) assert.match(url, /sort_order=desc/);
    }
    assert.deepEqual(seen, [...ids[101]!].reverse());
    const offset: number[] = [];
    let next: string | null = '/api/v2/requests?per_page=30&sort_by=created_at';
    while (next) {
      const page: OffsetPage = json<OffsetPage>(await v2call(app, 'GET', next, { auth: auth[101] }));
      offset.push(...page.requests.map((r) => r.id));
      next = page.next_page ? page.next_page.slice(BASE.length) : null;
    }
    assert.deepEqual(offset, ids[101]);
  });

  it('a page past the end is empty; bad paging parameters are a 400', async () => {
    const past = json<OffsetPage>(await v2call(app, 'GET', '/api/v2/requests.json?page=9', { auth: auth[1] }));
    assert.deepEqual(past.requests, []);
    assert.equal(past.count, 1);
    for (const q of ['per_page=101', 'per_page=0', 'page=0', 'page=x', 'page[size]=101', 'page[size]=0', 'page[after]=nonsense', 'page=2&page[size]=5', 'page[after]=a&page[before]=b']) {
      expectV2Error(await v2call(app, 'GET', `/api/v2/requests.json?${q}`, { auth: auth[1] }), 400, 'InvalidPaginationParameter');
    }
  });
});
