// The v2 dialect's rate limit: every v2 answer carries X-Rate-Limit and
// X-Rate-Limit-Remaining, and a caller over the limit gets 429 with Retry-After.
// The help desk counts per account per minute; the sandbox counts per effective
// user (one test's burst must not throttle another's), in fixed one-minute windows.

export const DEFAULT_RATE_LIMIT = 700;
const WINDOW_MS = 60_000;

export interface RateDecision {
  limit: number;
  remaining: number;
  /** Seconds until the window resets; set only when the call is refused. */
  retryAfter?: number;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; used: number }>();

  constructor(
    private limitPerMinute = DEFAULT_RATE_LIMIT,
    private readonly clock: () => number = Date.now,
  ) {}

  get limit(): number {
    return this.limitPerMinute;
  }

  /** A new limit, with every window restarted. */
  setLimit(limit: number): void {
    this.limitPerMinute = limit;
    this.windows.clear();
  }

  take(user: string | undefined): RateDecision {
    const now = this.clock();
    const key = user ?? '';
    let w = this.windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, used: 0 };
      this.windows.set(key, w);
    }
    if (w.used >= this.limitPerMinute) {
      return { limit: this.limitPerMinute, remaining: 0, retryAfter: Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)) };
    }
    w.used++;
    return { limit: this.limitPerMinute, remaining: this.limitPerMinute - w.used };
  }
}
