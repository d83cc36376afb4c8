import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactTime } from '../exact-time';

const ISO = '2026-11-30T02:04:00Z';

test('the exact moment names its time zone, in the customer’s language', () => {
  assert.equal(exactTime(ISO, 'en', 'UTC'), 'Nov 30, 2026, 2:04 AM UTC');
  assert.equal(exactTime(ISO, 'en', 'Asia/Tokyo'), 'Nov 30, 2026, 11:04 AM GMT+9');
  assert.match(exactTime(ISO, 'de', 'Europe/Berlin') ?? '', /^30\. Nov\. 2026, 03:04 MEZ$/);
  assert.match(exactTime(ISO, 'ja', 'Asia/Tokyo') ?? '', /2026.*11:04.*JST/);
});

test('the server’s UTC by default; an unknown zone falls back to UTC; no time is null', () => {
  assert.equal(exactTime(ISO, 'en'), 'Nov 30, 2026, 2:04 AM UTC');
  assert.equal(exactTime(ISO, 'en', 'Mars/Olympus_Mons'), 'Nov 30, 2026, 2:04 AM UTC');
  assert.equal(exactTime('not a time', 'en'), null);
});
