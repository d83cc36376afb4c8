// The benchmark's report as Markdown: one table per portal start (worker count), a row per page and
// connection count, and, when more than one worker count ran, the throughput ratio between them.
// A soak (--soak) gets a table per portal start, a row per process, and one row per start to compare them.

const LABELS = { list: 'My requests (15 rows)', request: 'a request (5 comments)', create: 'create (form post)', reply: 'reply (form post)' };
const num = (n) => (n === null || n === undefined ? '–' : n.toLocaleString('en-US'));

/** How a run's portal was started: its workers and, when the run set it, WORKER_HEAP_MB. */
const setting = (run) => `workers: ${run.workers}${run.workerHeap === null || run.workerHeap === undefined ? '' : `, WORKER_HEAP_MB=${run.workerHeap}`}`;

export function markdownReport(report) {
  const { machine } = report;
  const lines = [
    `Benchmark ${report.date.slice(0, 10)}, commit \`${report.commit}\`: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadBefore} before, ${machine.loadAfter} after.`,
    report.runs.length
      ? `${report.options.rounds} rounds × ${report.options.views} views per cell, portal and floor alternating. CPU ms per view is the servers' own CPU time (/proc) and holds up on a shared machine; answers a second and latency do not: they depend on what else ran.`
      : `CPU ms per view is the portal's own CPU time (/proc, all its processes) and holds up on a shared machine; answers a second and latency do not: they depend on what else ran.`,
    '',
  ];
  for (const run of report.runs) {
    lines.push(
      `**Portal: \`npm start\`, ${setting(run)}** (${run.portalProcesses} processes, ${num(run.portalRssMiB)} MiB resident at the end; the list showed ${run.listRows} requests)`,
      '',
      '| page | conns | portal /s | floor /s | portal p50 / p99 ms | floor p50 / p99 ms | portal CPU ms/view | floor CPU ms/view | CPU portal/floor | portal RSS MiB (largest process) | help desk calls/view |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const c of run.cells) {
      const p = c.portal;
      const f = c.floor;
      const bad = [p, f].some((t) => t.errors || t.timeouts || Object.keys(t.statuses).some((s) => !['200', '303'].includes(s)));
      lines.push(
        `| ${LABELS[c.page]} | ${c.connections} | ${num(p.perSecond)} | ${num(f.perSecond)} | ${num(p.p50)} / ${num(p.p99)} | ${num(f.p50)} / ${num(f.p99)} | **${num(p.cpuMsPerView)}** | ${num(f.cpuMsPerView)} | ${num(c.cpuRatio)}× | ${num(p.rssMiB)} (${num(p.largestRssMiB)}) | ${num(p.callsPerView)} (floor ${num(f.callsPerView)}) |${bad ? ` ⚠ answers: portal ${JSON.stringify(p.statuses)}, floor ${JSON.stringify(f.statuses)}, errors ${p.errors + f.errors}, time-outs ${p.timeouts + f.timeouts}` : ''}`,
      );
    }
    lines.push('');
  }
  if (report.runs.length > 1) {
    const [first, ...others] = report.runs;
    lines.push('| page | conns | ' + others.map((r) => `${setting(r)} / ${setting(first)} (answers a second)`).join(' | ') + ' |');
    lines.push('| --- | ---: |' + others.map(() => ' ---: |').join(''));
    for (const [i, c] of first.cells.entries()) {
      lines.push(`| ${LABELS[c.page]} | ${c.connections} | ` + others.map((r) => `${num(Math.round((r.cells[i].portal.perSecond / c.portal.perSecond) * 100) / 100)}×`).join(' | ') + ' |');
    }
    lines.push('');
  }
  for (const run of report.soaks ?? []) lines.push(...soakLines(run));
  if ((report.soaks ?? []).length > 1) lines.push(...soakComparison(report.soaks));
  return lines.join('\n');
}

const mib = (n) => (n === null || n === undefined ? '–' : num(n));
const bad = (run) => run.errors || run.timeouts || run.replacedWorkers || Object.keys(run.statuses).some((key) => !/ (200|303)$/.test(key));

/** One soak: what the run did, then each of the portal's processes' resident memory. */
function soakLines(run) {
  const workers = run.processes.filter((p) => p.role === 'worker');
  const largestEnd = Math.max(0, ...workers.map((w) => w.endMiB ?? 0));
  const lines = [
    `**Soak: \`npm start\`, ${setting(run)}**, ${num(run.seconds)} s at ${run.connections} connections (8 reads, a create and a reply per round): ${num(run.answers)} answers, **${num(run.perSecond)}/s**; reads p50 / p99 ${num(run.reads.p50)} / **${num(run.reads.p99)} ms**, writes ${num(run.writes.p50)} / ${num(run.writes.p99)} ms; **${num(run.cpuMsPerView)} ms CPU per view**; largest worker at the end **${num(largestEnd)} MiB**.` +
      (bad(run)
        ? ` ⚠ answers ${JSON.stringify(run.statuses)}, errors ${run.errors}, time-outs ${run.timeouts}, workers that died or replaced one ${run.replacedWorkers}`
        : ` Every answer 200 or 303, no errors, no worker replaced.`),
    '',
    '| process | resident MiB at the start | highest (VmHWM) | at the end | 30 s later |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  let n = 0;
  for (const p of run.processes) {
    const name = p.role === 'worker' ? `worker ${++n}` : p.role === 'primary' ? 'primary (serve.mjs)' : /esbuild/.test(p.command) ? 'esbuild service (the primary’s tsx)' : p.command.split(' ')[0];
    lines.push(`| ${name} | ${mib(p.startMiB)} | ${mib(p.peakMiB ?? p.sampledPeakMiB)} | ${mib(p.endMiB)} | ${mib(p.settledMiB)} |`);
  }
  lines.push('');
  return lines;
}

/** The soaks side by side: what a setting (e.g. a heap cap) costs in CPU and buys in memory. */
function soakComparison(soaks) {
  const lines = ['| setting | answers/s | reads p99 ms | writes p99 ms | CPU ms/view | largest worker: highest / end MiB | primary: end MiB |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const run of soaks) {
    const workers = run.processes.filter((p) => p.role === 'worker');
    const primary = run.processes.find((p) => p.role === 'primary');
    lines.push(
      `| ${setting(run)} | ${num(run.perSecond)} | ${num(run.reads.p99)} | ${num(run.writes.p99)} | **${num(run.cpuMsPerView)}** | ${num(Math.max(0, ...workers.map((w) => w.peakMiB ?? w.sampledPeakMiB)))} / **${num(Math.max(0, ...workers.map((w) => w.endMiB ?? 0)))}** | ${mib(primary?.endMiB)} |`,
    );
  }
  lines.push('');
  return lines;
}
