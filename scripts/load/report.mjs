// What a load run prints: throughput, latency, answers, errors, what happened to the writes, and
// named checks (✔/✘) that decide the exit code and that `npm test` counts.

const ms = (n) => `${Math.round(n)} ms`;

export function printReport({ options, runId, portalUrl, machine, result, ledger, writes, signedIn, signInFailures }) {
  const r = result ?? { requests: { total: 0 }, latency: {}, duration: 0, errors: 0, timeouts: 0, statusCodeStats: {} };
  const total = r.requests.total ?? 0;
  const seconds = r.duration || options.duration;
  const byStatus = Object.entries(r.statusCodeStats ?? {}).map(([status, { count }]) => `${status}: ${count}`).join(', ') || 'none';
  const ackRequests = [...ledger.writes.values()].filter((w) => w.state === 'acknowledged' && w.kind === 'request').length;
  const refused = [...ledger.writes.values()].filter((w) => w.state === 'refused').length;
  const unexpected = ledger.unexpectedAnswers();

  const figures = {
    runId,
    date: new Date().toISOString(),
    portalUrl,
    machine,
    users: options.users,
    durationSeconds: seconds,
    answers: total,
    perSecond: Number((total / seconds).toFixed(1)),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    byStatus: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([s, { count }]) => [s, count])),
    connectionErrors: r.errors - r.timeouts,
    timeouts: r.timeouts,
    unexpectedAnswers: unexpected,
    loopsCutShort: ledger.unpreparedSteps,
    writes: {
      acknowledged: writes.acknowledged,
      requests: ackRequests,
      comments: writes.acknowledged - ackRequests,
      refused,
      lost: writes.lost.length + writes.misplaced.length,
      duplicated: writes.duplicated.length,
      refusedButSaved: writes.refusedButSaved.length,
      cutOffAtEnd: writes.unanswered,
      cutOffAtEndSaved: writes.unansweredSaved,
    },
    steps: ledger.stepSummary(),
  };

  console.log(`
Load test ${runId}: ${options.users} customers, ${seconds} s, ${portalUrl}
  machine     ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadBefore.toFixed(2)} before the run
  answers     ${total} in ${seconds} s: ${figures.perSecond}/s
  latency     p50 ${ms(r.latency.p50 ?? 0)}, p90 ${ms(r.latency.p90 ?? 0)}, p99 ${ms(r.latency.p99 ?? 0)}, max ${ms(r.latency.max ?? 0)}
  by status   ${byStatus}  (303 is a form post's redirect)
  errors      ${figures.connectionErrors} connection errors, ${r.timeouts} timeouts, ${unexpected} unexpected answers, ${ledger.unpreparedSteps} loops cut short
  writes      ${writes.acknowledged} acknowledged (${ackRequests} requests, ${writes.acknowledged - ackRequests} replies), ${refused} refused; lost ${figures.writes.lost}, duplicated ${writes.duplicated.length}
              ${writes.unanswered} cut off by the end of the run (${writes.unansweredSaved} of them saved, none acknowledged)
  per step    ${figures.steps.map((s) => `${s.name} ${s.answered} (p50 ${ms(s.p50)}, p99 ${ms(s.p99)})`).join('\n              ')}`);
  for (const s of figures.steps) for (const [problem, count] of Object.entries(s.problems)) console.log(`  ! ${s.name}: ${problem} ×${count}`);
  for (const failure of signInFailures.slice(0, 5)) console.log(`  ! sign-in: ${failure}`);
  for (const [label, list] of [['lost', writes.lost], ['misplaced', writes.misplaced], ['duplicated', writes.duplicated], ['refused but saved', writes.refusedButSaved], ['unknown', writes.unknown]]) {
    for (const item of list.slice(0, 5)) console.log(`  ! ${label}: ${JSON.stringify(item)}`);
  }

  const checks = [
    [`every customer signed in (${signedIn}/${options.users})`, signedIn === options.users],
    [`no connection errors or timeouts (${r.errors})`, r.errors === 0],
    [`every answer was the expected page or redirect (${unexpected} unexpected, ${ledger.unpreparedSteps} loops cut short)`, unexpected === 0 && ledger.unpreparedSteps === 0],
    [`writes were made and acknowledged (${writes.acknowledged})`, writes.acknowledged > 0],
    [`every acknowledged write is in the help desk, in its place (${figures.writes.lost} lost)`, figures.writes.lost === 0],
    [`nothing was written twice (${writes.duplicated.length} duplicated)`, writes.duplicated.length === 0],
    [`no refused write was saved anyway, no unknown writes (${writes.refusedButSaved.length + writes.unknown.length})`, writes.refusedButSaved.length + writes.unknown.length === 0],
  ];
  console.log('Checks');
  for (const [name, ok] of checks) console.log(`  ${ok ? '✔' : '✘'} ${name}`);
  const passed = checks.filter(([, ok]) => ok).length;
  console.log(`${passed} passed, ${checks.length - passed} failed`);
  return { ...figures, checks: checks.map(([name, ok]) => ({ name, ok })), passed, failed: checks.length - passed };
}
