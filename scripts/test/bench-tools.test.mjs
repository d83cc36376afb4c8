// The benchmark's own tools: the /proc reader must count a server's children (npm start is a
// launcher; workers are children) and their CPU, and the report must flag a cell with bad answers.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { hasProc, sample } from '../bench/proc-stats.mjs';
import { markdownReport } from '../bench/table.mjs';

test('sample() sums CPU time and memory over a process and its children', { skip: !hasProc() && 'needs /proc (Linux)' }, async () => {
  // A child that burns 300 ms of CPU (its own clock, however busy the machine), says so, then idles until killed.
  const burn = 'while (process.cpuUsage().user < 300_000); process.stdout.write("done"); setInterval(() => {}, 1000);';
  const child = spawn(process.execPath, ['-e', burn], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const own = sample(child.pid);
    const withParent = sample(process.pid);
    assert.equal(own.processes, 1);
    assert.ok(own.cpuMs >= 250, `the child's CPU time is counted (${own.cpuMs} ms)`);
    assert.ok(withParent.processes >= 2, 'the parent sample includes the child');
    assert.ok(withParent.cpuMs >= own.cpuMs + 1, "the parent's sample adds the child's CPU time to its own");
    assert.ok(own.rssMiB > 10 && withParent.largestRssMiB >= own.rssMiB);
  } finally {
    child.kill();
  }
});

test('the report names the pages, the ratio, and flags a cell with answers other than 200/303', () => {
  const cell = (statuses) => ({ perSecond: 50, p50: 10, p99: 30, cpuMsPerView: 12, callsPerView: 1, rssMiB: 300, largestRssMiB: 250, statuses, errors: 0, timeouts: 0 });
  const report = {
    date: '2026-11-30T06:00:00.000Z',
    commit: 'abc1234',
    machine: { cpus: 2, cpuModel: 'Xeon', memoryGiB: 24, node: 'v20', loadBefore: 1, loadAfter: 1 },
    options: { rounds: 2, views: 200 },
    runs: [
      {
        workers: '1',
        portalProcesses: 2,
        portalRssMiB: 300,
        listRows: 15,
        cells: [
          { page: 'list', connections: 10, portal: cell({ 200: 400 }), floor: { ...cell({ 200: 400 }), cpuMsPerView: 2 }, cpuRatio: 6 },
          { page: 'reply', connections: 10, portal: cell({ 303: 399, 500: 1 }), floor: cell({ 303: 400 }), cpuRatio: 1 },
        ],
      },
    ],
  };
  const lines = markdownReport(report).split('\n');
  const list = lines.find((l) => l.startsWith('| My requests'));
  const reply = lines.find((l) => l.startsWith('| reply'));
  assert.match(list, /\*\*12\*\* \| 2 \| 6×/);
  assert.ok(!list.includes('⚠'));
  assert.match(reply, /⚠ answers: portal \{"303":399,"500":1\}/);
});
