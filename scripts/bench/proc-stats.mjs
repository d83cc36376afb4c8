// What a server costs the machine, read from /proc (Linux): CPU time and resident memory of a
// process and every process under it (`npm start` is a launcher whose portal is a child, and with
// workers there are several). CPU time is what the server itself spent, so unlike throughput it
// holds up when other jobs share the machine.
import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ: 100 on every Linux Node supports; /proc reports CPU time in these ticks.
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

/** pid, parent pid, user+system CPU ticks and resident pages from /proc/<pid>/stat; null when gone. */
function readStat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: the fields after it follow its last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, rss 24.
  return { pid, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]), rssPages: Number(rest[21]) };
}

/** `root` and all its descendants alive now. */
function tree(root) {
  const all = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) all.push(stat);
  }
  const found = all.filter((s) => s.pid === root);
  for (let i = 0; i < found.length; i++) {
    for (const s of all) if (s.ppid === found[i].pid) found.push(s);
  }
  return found;
}

export const hasProc = () => {
  try {
    readdirSync('/proc/self');
    return true;
  } catch {
    return false;
  }
};

/** The kernel's high-water mark of a process's resident memory (VmHWM in /proc/<pid>/status), in MiB; null when gone. */
function peakRssMiB(pid) {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** A process's command line, its arguments joined by spaces; '' when gone. */
function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/**
 * Each process of `pid`'s tree on its own: pid, parent pid, CPU ms used so far, resident memory now
 * and at its highest (VmHWM: the kernel's own peak, so nothing between two samples is missed), in
 * MiB, and its command line (to tell a worker from a helper such as esbuild's service).
 * @returns {{ pid: number, ppid: number, cpuMs: number, rssMiB: number, peakRssMiB: number | null, command: string }[]}
 */
export function processes(pid) {
  return tree(pid).map((s) => ({
    pid: s.pid,
    ppid: s.ppid,
    cpuMs: (s.ticks * 1000) / TICKS_PER_SECOND,
    rssMiB: (s.rssPages * PAGE_BYTES) / 2 ** 20,
    peakRssMiB: peakRssMiB(s.pid),
    command: commandLine(s.pid),
  }));
}

/**
 * A snapshot of `pid`'s process tree: CPU ms used so far (summed), resident memory in MiB (summed,
 * and the largest single process, i.e. the largest worker) and how many processes there are.
 */
export function sample(pid) {
  const processes = tree(pid);
  const rss = processes.map((s) => (s.rssPages * PAGE_BYTES) / 2 ** 20);
  return {
    cpuMs: processes.reduce((sum, s) => sum + (s.ticks * 1000) / TICKS_PER_SECOND, 0),
    rssMiB: rss.reduce((a, b) => a + b, 0),
    largestRssMiB: Math.max(0, ...rss),
    processes: processes.length,
  };
}
