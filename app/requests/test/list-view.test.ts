import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listHref, queryTooLong, readListView, toSort } from '../list-view';

test('a bare /requests is the open list, newest update first, page 1', () => {
  assert.deepEqual(readListView({}), { view: 'mine', q: '', status: 'open', sort: 'updated-desc', page: 1, rawPage: null });
});

test('old links keep working: ?status=solved, ?status=solved&page=2', () => {
  assert.deepEqual(readListView({ status: 'solved', page: '2' }), { view: 'mine', q: '', status: 'solved', sort: 'updated-desc', page: 2, rawPage: '2' });
});

test('search, filter, order and page from the URL; unknown values are the defaults; control characters are spaces', () => {
  assert.deepEqual(readListView({ q: '  printer\u0000jam ', status: 'pending', sort: 'created-asc', page: '3' }), {
    view: 'mine',
    q: 'printer jam',
    status: 'pending',
    sort: 'created-asc',
    page: 3,
    rawPage: '3',
  });
  assert.deepEqual(readListView({ status: 'waiting', sort: 'sideways' }), { view: 'mine', q: '', status: 'open', sort: 'updated-desc', page: 1, rawPage: null });
  assert.deepEqual(readListView({ q: ['first', 'second'], status: ['all', 'open'] }), { view: 'mine', q: 'first', status: 'all', sort: 'updated-desc', page: 1, rawPage: null });
});

test('a page that cannot exist is null, keeping what was asked for', () => {
  for (const raw of ['0', '-1', 'abc', '1.5', '', '1e3', '9999999999']) assert.deepEqual([readListView({ page: raw }).page, readListView({ page: raw }).rawPage], [null, raw], raw);
});

test('links: the search, filter and order kept; changing one starts at page 1; defaults left out except the status', () => {
  const view = readListView({ q: 'printer & "3rd floor"', status: 'solved', sort: 'created-asc', page: '4' });
  assert.equal(listHref(view), '/requests?q=printer+%26+%223rd+floor%22&status=solved&sort=created-asc');
  assert.equal(listHref(view, { page: 2 }), '/requests?q=printer+%26+%223rd+floor%22&status=solved&sort=created-asc&page=2');
  assert.equal(listHref(view, { status: 'all' }), '/requests?q=printer+%26+%223rd+floor%22&status=all&sort=created-asc');
  assert.equal(listHref(view, { q: '' }), '/requests?status=solved&sort=created-asc');
  assert.equal(listHref(readListView({})), '/requests?status=open');
  assert.equal(listHref(readListView({}), { page: 1 }), '/requests?status=open');
});

test('the order as the help desk door takes it; the longest search', () => {
  assert.deepEqual(toSort('updated-desc'), { by: 'updated', direction: 'desc' });
  assert.deepEqual(toSort('created-asc'), { by: 'created', direction: 'asc' });
  assert.equal(queryTooLong('x'.repeat(200)), false);
  assert.equal(queryTooLong('x'.repeat(201)), true);
  assert.equal(queryTooLong('😀'.repeat(200)), false, 'characters, not UTF-16 units');
});

test('whose requests: ?view=ccd or organization, with the status, order and page; an unknown view is the own list; another list has no search', () => {
  const ccd = readListView({ view: 'ccd', status: 'all', sort: 'created-asc', page: '2', q: 'printer' });
  assert.deepEqual(ccd, { view: 'ccd', q: '', status: 'all', sort: 'created-asc', page: 2, rawPage: '2' });
  assert.equal(listHref(ccd), '/requests?view=ccd&status=all&sort=created-asc');
  assert.equal(listHref(ccd, { page: 3 }), '/requests?view=ccd&status=all&sort=created-asc&page=3');
  assert.equal(listHref(ccd, { view: 'organization' }), '/requests?view=organization&status=all&sort=created-asc', 'changing the view starts at page 1');
  assert.equal(listHref(readListView({ q: 'printer', status: 'open' }), { view: 'ccd' }), '/requests?view=ccd&status=open');
  assert.equal(listHref(ccd, { view: 'mine' }), '/requests?status=all&sort=created-asc');
  assert.equal(readListView({ view: 'everyone' }).view, 'mine');
});
