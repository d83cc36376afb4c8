// The benchmark's own tools: the /proc reader must count a server's children (npm start is a
// launcher; workers are children) and their CPU, and the report must flag a cell with bad answers.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { hasProc, processes, sample } from '../bench/proc-stats.mjs';
import { soakFailed, summarize } from '../bench/soak.mjs';
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
    // One by one: the child among the parent's processes, with its command line and the kernel's peak.
    const child1 = processes(process.pid).find((p) => p.pid === child.pid);
    assert.equal(child1.ppid, process.pid);
    assert.match(child1.command, /process\.cpuUsage/);
    assert.ok(child1.peakRssMiB >= child1.rssMiB && child1.cpuMs >= 250);
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

test('the soak: memory per process at the start, highest, end and settled; a worker replaced mid-run or a bad answer fails the run', () => {
  const proc = (pid, ppid, rssMiB, peakRssMiB, command = 'next-server (v16.4.6)') => ({ pid, ppid, cpuMs: 0, rssMiB, peakRssMiB, command });
  const at = (seconds, cpu, processes) => ({ at: seconds, processes: processes.map((p) => ({ ...p, cpuMs: cpu / processes.length, role: p.pid === 1 ? 'primary' : p.ppid === 1 && !/esbuild/.test(p.command) ? 'worker' : 'helper' })) });
  const samples = [
    at(0, 1_000, [proc(1, 0, 80, 81, 'node serve.mjs'), proc(2, 1, 200, 210), proc(3, 1, 190, 200), proc(4, 1, 12, 12, 'esbuild --service')]),
    at(5, 3_000, [proc(1, 0, 82, 90, 'node serve.mjs'), proc(2, 1, 240, 260), proc(3, 1, 230, 235), proc(4, 1, 12, 12, 'esbuild --service')]),
    at(10, 5_000, [proc(1, 0, 81, 90, 'node serve.mjs'), proc(2, 1, 220, 262), proc(3, 1, 225, 240), proc(4, 1, 12, 12, 'esbuild --service')]),
    at(40, 5_010, [proc(1, 0, 80, 90, 'node serve.mjs'), proc(2, 1, 200, 262), proc(3, 1, 210, 240), proc(4, 1, 12, 12, 'esbuild --service')]),
  ];
  const timings = { read: Array.from({ length: 320 }, (_, i) => i), write: Array.from({ length: 80 }, () => 50) };
  const run = summarize({ samples, end: 2, timings, statuses: { 'read 200': 320, 'write 303': 80 }, elapsed: 10, errors: 0, timeouts: 0, connections: 50, seconds: 10 });
  assert.equal(run.answers, 400);
  assert.equal(run.perSecond, 40);
  assert.equal(run.cpuMsPerView, 10, 'CPU from the first sample to the end of the traffic, over the answers');
  assert.equal(run.reads.p99, 316);
  const worker = run.processes.find((p) => p.pid === 2);
  assert.deepEqual([worker.role, worker.startMiB, worker.peakMiB, worker.endMiB, worker.settledMiB], ['worker', 200, 262, 220, 200]);
  assert.deepEqual(run.processes.map((p) => p.role), ['primary', 'worker', 'worker', 'helper']);
  assert.equal(run.replacedWorkers, 0);
  assert.equal(soakFailed(run), false);
  const table = markdownReport({ date: '2026-11-30T09:00:00.000Z', commit: 'abc1234', machine: { cpus: 2, cpuModel: 'Xeon', memoryGiB: 24, node: 'v20', loadBefore: 1, loadAfter: 1 }, options: {}, runs: [], soaks: [{ workers: 2, workerHeap: '192', ...run }] });
  assert.match(table, /\| worker 1 \| 200 \| 262 \| 220 \| 200 \|/);
  assert.match(table, /largest worker at the end \*\*225 MiB\*\*\. Every answer 200 or 303/);

  // Worker 3 died after the first sample and serve.mjs started worker 5 in its place.
  const replaced = samples.map((s, i) => (i === 0 ? s : { ...s, processes: s.processes.map((p) => (p.pid === 3 ? { ...p, pid: 5, peakRssMiB: 100 } : p)) }));
  const broken = summarize({ samples: replaced, end: 2, timings, statuses: { 'read 200': 320, 'write 303': 80 }, elapsed: 10, errors: 0, timeouts: 0, connections: 50, seconds: 10 });
  assert.equal(broken.replacedWorkers, 2, 'the one that died and the one that replaced it');
  assert.equal(soakFailed(broken), true);
  assert.equal(soakFailed({ ...run, statuses: { 'read 200': 319, 'read 502': 1, 'write 303': 80 } }), true);
  assert.equal(soakFailed({ ...run, timeouts: 1 }), true);
});
