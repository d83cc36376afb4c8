// `npm test`'s first stage on a machine without Chromium, redis-server or curl, and without a way to
// install them unasked: it stops at once and names the one command that does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { root } from '../lib/processes.mjs';

// A PATH with nothing on it: no redis-server, no curl, no apt-get, no sudo; and a Chromium that is not there.
const bare = { PATH: mkdtempSync(path.join(tmpdir(), 'portico-bare-path-')), PLAYWRIGHT_CHROMIUM_PATH: '/nonexistent/chromium', HOME: tmpdir() };

test('provision, with none installed and no apt-get: exit 1 at once, naming the command', () => {
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'lib', 'provision.mjs')], { env: bare, encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /npm test needs chromium, redis-server and curl/);
  assert.match(run.stderr, /Install them with: {2}sudo apt-get update && sudo apt-get install -y chromium redis-server curl/);
  assert.ok(Date.now() - started < 5_000);
});

test('npm test stops at the provision stage, before any other stage runs', () => {
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'test.mjs'), 'unit'], { env: bare, encoding: 'utf8', cwd: root });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /✘ provision/);
  assert.doesNotMatch(run.stdout, /unit tests/);
  assert.match(run.stderr, /sudo apt-get install -y chromium redis-server curl/);
});

test('provision, with all present: nothing to do', () => {
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'lib', 'provision.mjs')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout + run.stderr, '');
});
