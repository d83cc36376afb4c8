import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { config } from '../../../proxy';

const runsProxy = (url: string) => unstable_doesMiddlewareMatch({ config, url });

test('proxy runs for pages, actions and the other routes', () => {
  for (const url of ['/', '/login', '/requests', '/requests/new', '/requests/42', '/sso', '/healthz', '/requests/42/attachments', '/requests/new/sendx', '/requests/uploads/x', '/requests/abc/send']) {
    assert.equal(runsProxy(url), true, url);
  }
});

test('proxy does not run for the routes that take or give files: their bodies never pass through it', () => {
  for (const url of ['/requests/uploads', '/requests/uploads?name=a.png', '/requests/new/send', '/requests/42/send', '/requests/42/attachments/7']) {
    assert.equal(runsProxy(url), false, url);
  }
  assert.equal(runsProxy('/_next/static/chunks/app.js'), false);
});
