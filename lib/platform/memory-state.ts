import type { SharedState } from './shared-state';

/**
 * The shared state in one process's memory: the default for a single process, and what the
 * primary of `npm start`'s workers holds for all of them (lib/platform/primary-state.ts). No
 * 'server-only' here: the primary (scripts/serve.mjs) loads this file outside Next.
 * Every operation runs to completion synchronously, which is what makes `claim` atomic.
 */
/** Below this many keys, nothing is swept (an expired key is dropped anyway when it is next read). */
const SWEEP_FROM = 10_000;

export class MemoryState implements SharedState {
  readonly redis = null;
  readonly backend = 'memory' as const;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  /** The size at which the next sweep runs: twice what the last one left, so each write pays O(1) on average. */
  private sweepAt = SWEEP_FROM;
  /** How many entries sweeps have walked, all told: what keeps a write O(1) on average, checked by its test. */
  private walked = 0;

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep() {
    // Amortised clean-up, keeping memory bounded under a stream of one-off keys. Not on every write
    // once the map is large: most keys live for a day (a write's memo), so a day's writes would
    // otherwise make every later write walk all of them.
    if (this.entries.size < this.sweepAt) return;
    const now = Date.now();
    this.walked += this.entries.size;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.sweepAt = Math.max(SWEEP_FROM, 2 * this.entries.size);
  }

  async claim(key: string, value: string, ttlSeconds: number) {
    if (this.live(key)) return false;
    this.sweep();
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    return true;
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async getMany(keys: string[]) {
    return keys.map((key) => this.live(key)?.value ?? null);
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.sweep();
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async delete(key: string) {
    this.entries.delete(key);
  }
}
