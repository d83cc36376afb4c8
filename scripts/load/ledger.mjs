// The load run's record: how every step was answered and how long it took, and every write sent
// with the portal's answer to it, so the sandbox can be checked against it afterwards.

const percentile = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);

export class Ledger {
  constructor(runId) {
    this.runId = runId;
    this.steps = new Map();
    /** marker → { kind, email, target, state: 'sent' | 'acknowledged' | 'refused', id, problem } */
    this.writes = new Map();
    this.unpreparedSteps = 0;
    this.counter = 0;
  }

  #step(name) {
    let step = this.steps.get(name);
    if (!step) this.steps.set(name, (step = { answered: 0, problems: new Map(), durations: [] }));
    return step;
  }

  /** A marker no other text contains: `[load-RUN-r12]` for a request, `[load-RUN-c7]` for a comment. */
  sent(kind, user, target) {
    const marker = `[load-${this.runId}-${kind === 'request' ? 'r' : 'c'}${++this.counter}]`;
    this.writes.set(marker, { kind, email: user.email, target, state: 'sent', id: null, problem: null });
    return marker;
  }

  writeAnswered(marker, id, problem) {
    const write = this.writes.get(marker);
    if (!write) return;
    Object.assign(write, id ? { state: 'acknowledged', id } : { state: 'refused', problem });
  }

  answered(step, problem) {
    const s = this.#step(step);
    s.answered++;
    if (problem) s.problems.set(problem, (s.problems.get(problem) ?? 0) + 1);
  }

  timed(step, ms) {
    this.#step(step).durations.push(ms);
  }

  /** A step that could not be prepared because the one before it failed: autocannon starts the loop over. */
  unprepared() {
    this.unpreparedSteps++;
    return null;
  }

  markerPattern() {
    return new RegExp(`\\[load-${this.runId}-[rc]\\d+\\]`, 'g');
  }

  /** Per step: answers, unexpected ones, p50/p99 ms. */
  stepSummary() {
    return [...this.steps].map(([name, s]) => {
      const sorted = [...s.durations].sort((a, b) => a - b);
      const unexpected = [...s.problems.values()].reduce((a, b) => a + b, 0);
      return { name, answered: s.answered, unexpected, problems: Object.fromEntries(s.problems), p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    });
  }

  unexpectedAnswers() {
    return [...this.steps.values()].reduce((n, s) => n + [...s.problems.values()].reduce((a, b) => a + b, 0), 0);
  }
}
