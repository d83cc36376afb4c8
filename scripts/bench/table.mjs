// The benchmark's report as Markdown: one table per portal start (worker count), a row per page and
// connection count, and, when more than one worker count ran, the throughput ratio between them.

const LABELS = { list: 'My requests (15 rows)', request: 'a request (5 comments)', create: 'create (form post)', reply: 'reply (form post)' };
const num = (n) => (n === null || n === undefined ? '–' : n.toLocaleString('en-US'));

export function markdownReport(report) {
  const { machine } = report;
  const lines = [
    `Benchmark ${report.date.slice(0, 10)}, commit \`${report.commit}\`: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadBefore} before, ${machine.loadAfter} after.`,
    `${report.options.rounds} rounds × ${report.options.views} views per cell, portal and floor alternating. CPU ms per view is the servers' own CPU time (/proc) and holds up on a shared machine; answers a second and latency do not: they depend on what else ran.`,
    '',
  ];
  for (const run of report.runs) {
    lines.push(
      `**Portal: \`npm start\`, workers: ${run.workers}** (${run.portalProcesses} processes, ${num(run.portalRssMiB)} MiB resident at the end; the list showed ${run.listRows} requests)`,
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
    lines.push('| page | conns | ' + others.map((r) => `workers ${r.workers} / workers ${first.workers} (answers a second)`).join(' | ') + ' |');
    lines.push('| --- | ---: |' + others.map(() => ' ---: |').join(''));
    for (const [i, c] of first.cells.entries()) {
      lines.push(`| ${LABELS[c.page]} | ${c.connections} | ` + others.map((r) => `${num(Math.round((r.cells[i].portal.perSecond / c.portal.perSecond) * 100) / 100)}×`).join(' | ') + ' |');
    }
    lines.push('');
  }
  return lines.join('\n');
}
