import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { nodeFetch } from '../node-fetch';

const original = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = original;
});

test("goes to Node's fetch under Next's wrapper, which it keeps as _nextOriginalFetch", async () => {
  const calls: string[] = [];
  const node = (async (input: string | URL | Request) => {
    calls.push(`node ${String(input)}`);
    return new Response('ok');
  }) as typeof fetch;
  const wrapper = Object.assign((async () => {
    calls.push('wrapper');
    return new Response('wrapped');
  }) as typeof fetch, { _nextOriginalFetch: node });
  globalThis.fetch = wrapper;
  assert.equal(await (await nodeFetch('http://helpdesk.test/requests.xml', { cache: 'no-store' })).text(), 'ok');
  assert.deepEqual(calls, ['node http://helpdesk.test/requests.xml']);
});

test('is the global fetch where nothing wraps it (unit tests, scripts), looked up on each call', async () => {
  globalThis.fetch = (async () => new Response('plain')) as typeof fetch;
  assert.equal(await (await nodeFetch('http://helpdesk.test/')).text(), 'plain');
});
