// `npm run bench -- --soak SECONDS`: one long run of mixed customer traffic against the portal, to
// see what its processes' memory does, not what one page costs. Every connection goes round the
// same cycle (mostly reads: the list and request pages; a create and a reply, posted as the bench
// posts them) for the whole time, while each of the portal's processes (the primary, every worker,
// helpers such as esbuild's service) is sampled from /proc every few seconds. Reports per process
// its resident memory at the start, at its highest (the kernel's VmHWM, so a peak between two
// samples counts) and at the end, and for the run answers a second, p50/p99 for reads and writes,
// CPU ms per view (all the portal's processes) and every answer other than 200/303; a worker that
// died (and the one started in its place) during the run counts as a failure.
import autocannon from 'autocannon';
import { processes } from './proc-stats.mjs';

/** How often the portal's processes are sampled. */
const SAMPLE_MS = 5_000;
/** How long after the run memory is read once more, to see what the workers give back when idle. */
const SETTLE_MS = 30_000;

const round1 = (n) => Math.round(n * 10) / 10;
const round2 = (n) => Math.round(n * 100) / 100;
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

/** Which part of the portal a process is: its root (serve.mjs's primary), a worker (the primary's `next start` children), or a helper. */
const roleOf = (p, rootPid) => (p.pid === rootPid ? 'primary' : p.ppid === rootPid && !/esbuild/.test(p.command) ? 'worker' : 'helper');

/**
 * Drives `requests` (autocannon requests, each with `kind`: 'read' or 'write') round and round over
 * `connections` connections for `seconds`, sampling the process tree under `pid`; resolves to the
 * run's figures. `progress(line)` gets a line a minute.
 */
export async function soak({ url, pid, connections, seconds, requests, progress = () => {} }) {
  const timings = { read: [], write: [] };
  const statuses = {};
  const tracked = requests.map(({ kind, ...request }) => ({
    ...request,
    setupRequest(req, context) {
      // One request at a time per connection: the context holds the one in flight.
      context.sentAt = performance.now();
      return request.setupRequest ? request.setupRequest(req, context) : req;
    },
    onResponse(status, body, context, headers) {
      timings[kind].push(performance.now() - context.sentAt);
      const key = `${kind} ${status}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      request.onResponse?.(status, body, context, headers);
    },
  }));

  const samples = [];
  const take = (at) => samples.push({ at, processes: processes(pid).map((p) => ({ ...p, role: roleOf(p, pid) })) });
  const startedAt = performance.now();
  take(0);
  const timer = setInterval(() => take(Math.round((performance.now() - startedAt) / 1000)), SAMPLE_MS);
  let lastMinute = 0;
  const ticker = setInterval(() => {
    const minute = Math.floor((performance.now() - startedAt) / 60_000);
    if (minute === lastMinute) return;
    lastMinute = minute;
    const workers = samples.at(-1).processes.filter((p) => p.role === 'worker');
    const answers = timings.read.length + timings.write.length;
    progress(`${minute} min: ${answers.toLocaleString('en-US')} answers; workers resident ${workers.map((w) => `${Math.round(w.rssMiB)}`).join(', ')} MiB`);
  }, 1_000);
  let result;
  try {
    result = await new Promise((resolve, reject) =>
      autocannon({ url, connections, duration: seconds, timeout: 10, requests: tracked }, (error, r) => (error ? reject(error) : resolve(r))),
    );
  } finally {
    clearInterval(timer);
    clearInterval(ticker);
  }
  const elapsed = (performance.now() - startedAt) / 1000;
  take(Math.round(elapsed));
  const end = samples.length - 1;
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  take(Math.round((performance.now() - startedAt) / 1000));
  return summarize({ samples, end, timings, statuses, elapsed, errors: result.errors, timeouts: result.timeouts, connections, seconds, pid });
}

/** Per process: resident MiB at the start, sampled highest, VmHWM, at the end and after settling; and the run's totals. */
export function summarize({ samples, end, timings, statuses, elapsed, errors, timeouts, connections, seconds }) {
  const first = samples[0];
  const atEnd = samples[end];
  const settled = samples.at(-1);
  const byPid = new Map();
  for (const sample of samples) {
    for (const p of sample.processes) {
      const seen = byPid.get(p.pid) ?? { pid: p.pid, role: p.role, command: p.command, startMiB: null, sampledPeakMiB: 0, peakMiB: null, endMiB: null, settledMiB: null, firstSeen: sample.at, lastSeen: sample.at };
      if (sample === first) seen.startMiB = p.rssMiB;
      seen.sampledPeakMiB = Math.max(seen.sampledPeakMiB, p.rssMiB);
      if (p.peakRssMiB !== null) seen.peakMiB = Math.max(seen.peakMiB ?? 0, p.peakRssMiB);
      if (sample === atEnd) seen.endMiB = p.rssMiB;
      if (sample === settled) seen.settledMiB = p.rssMiB;
      seen.lastSeen = sample.at;
      byPid.set(p.pid, seen);
    }
  }
  const cpuOf = (sample) => sample.processes.reduce((sum, p) => sum + p.cpuMs, 0);
  const answers = timings.read.length + timings.write.length;
  const latency = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { answers: list.length, p50: round1(percentile(sorted, 50)), p99: round1(percentile(sorted, 99)) };
  };
  const rounded = (n) => (n === null ? null : Math.round(n));
  const procs = [...byPid.values()].map((p) => ({
    ...p,
    startMiB: rounded(p.startMiB),
    sampledPeakMiB: rounded(p.sampledPeakMiB),
    peakMiB: rounded(p.peakMiB),
    endMiB: rounded(p.endMiB),
    settledMiB: rounded(p.settledMiB),
  }));
  // A worker not there from the start to the end: one that died, and the one serve.mjs started in its place, count once each.
  const replaced = procs.filter((p) => p.role === 'worker' && (p.startMiB === null || p.settledMiB === null)).length;
  return {
    seconds,
    connections,
    elapsedSeconds: round1(elapsed),
    answers,
    perSecond: round1(answers / elapsed),
    reads: latency(timings.read),
    writes: latency(timings.write),
    // The CPU the portal's processes spent from the first sample to the end of the traffic, over the answers in that time.
    cpuMsPerView: round2((cpuOf(atEnd) - cpuOf(first)) / Math.max(1, answers)),
    statuses,
    errors,
    timeouts,
    replacedWorkers: replaced,
    processes: procs,
    timeline: samples.map((s) => ({ at: s.at, rssMiB: Object.fromEntries(s.processes.map((p) => [p.pid, Math.round(p.rssMiB)])) })),
  };
}

/** Whether a soak run went wrong: an answer other than 200/303, an error or time-out, a worker replaced. */
export const soakFailed = (run) => run.errors > 0 || run.timeouts > 0 || run.replacedWorkers > 0 || Object.keys(run.statuses).some((key) => !/ (200|303)$/.test(key));
