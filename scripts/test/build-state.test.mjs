// When `npm start`, the load test and the server tests rebuild the portal: no build, or a build
// older than the source (a pull or an edit since), and only then.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { buildState, changedSince, recordBuild } from '../lib/processes.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'portico-build-state-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('no BUILD_ID: missing', () => {
  assert.deepEqual(buildState(dir), { state: 'missing' });
});

test('a build written after every source file is fresh; one from before them is stale, naming what changed', () => {
  const buildId = path.join(dir, 'BUILD_ID');
  writeFileSync(buildId, 'test');
  const later = new Date(Date.now() + 3600_000);
  utimesSync(buildId, later, later);
  assert.deepEqual(buildState(dir), { state: 'fresh' });

  utimesSync(buildId, new Date(0), new Date(0));
  const { state, changed } = buildState(dir);
  assert.equal(state, 'stale');
  assert.match(changed, /^(app|lib|public)(\/|$)|^(proxy\.ts|next\.config\.js|tsconfig\.json|package(-lock)?\.json|instrumentation.*\.ts)$/);
});

test('changedSince: nothing is newer than the future; against the epoch, a source file is found', () => {
  assert.equal(changedSince(Date.now() + 3600_000), null);
  const found = changedSince(0);
  assert.ok(found && !/^lib\/(.+\/)?test\//.test(found) && !found.includes('/.'), found);
});

test('dependencies count by content: a rewritten but unchanged lock file does not make a stamped build stale', () => {
  const buildId = path.join(dir, 'BUILD_ID');
  writeFileSync(buildId, 'test');
  const later = new Date(Date.now() + 3600_000);
  utimesSync(buildId, later, later);
  recordBuild(dir);
  assert.deepEqual(buildState(dir), { state: 'fresh' });

  writeFileSync(path.join(dir, 'portico-dependencies.sha256'), 'made with other dependencies');
  assert.deepEqual(buildState(dir), { state: 'stale', changed: 'package-lock.json' });
});
