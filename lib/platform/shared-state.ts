import 'server-only';
import Redis from 'ioredis';
import { getConfig } from './config';

/**
 * The little state that must be shared when several portal instances serve the same users:
 * login attempt counts, one-time form tokens and their results, used SSO token ids, and which
 * sessions were ended (log-out). Sessions themselves live in the sealed cookie.
 *
 * One interface, two backends: in-process memory by default (one instance), Redis when REDIS_URL
 * is set. Everything here expires on its own, so neither backend grows without bound.
 */
export interface SharedState {
  /** Stores `value` under `key` only if the key is free. True when this call claimed it. */
  claim(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  /** Several keys in one round trip (one MGET on Redis), in the order asked. */
  getMany(keys: string[]): Promise<(string | null)[]>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** The Redis client behind this store, for libraries that speak Redis themselves (rate limits). */
  readonly redis: Redis | null;
}

class MemoryState implements SharedState {
  readonly redis = null;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep() {
    // Amortised clean-up: cheap, and keeps memory bounded under a stream of one-off keys.
    if (this.entries.size < 10_000) return;
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
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

class RedisState implements SharedState {
  constructor(readonly redis: Redis) {}

  async claim(key: string, value: string, ttlSeconds: number) {
    return (await this.redis.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')) === 'OK';
  }

  async get(key: string) {
    return this.redis.get(key);
  }

  async getMany(keys: string[]) {
    return keys.length === 0 ? [] : this.redis.mget(...keys);
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.redis.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  }

  async delete(key: string) {
    await this.redis.del(key);
  }
}

const PREFIX = 'portico:';

/** Builds a store for a given Redis URL (or memory). Exported for tests; the app uses `sharedState()`. */
export function createSharedState(redisUrl: string | undefined): SharedState {
  if (!redisUrl) return new MemoryState();
  const redis = new Redis(redisUrl, {
    keyPrefix: PREFIX,
    // Fail a command quickly rather than queue it while Redis is away: the caller decides what to do.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 2_000,
  });
  redis.on('error', (error) => console.warn(`[portico] Redis: ${error.message}`));
  return new RedisState(redis);
}

// One store per process, kept on globalThis so Next's module reloading in dev doesn't multiply it.
const holder = globalThis as unknown as { __porticoSharedState?: SharedState };

export function sharedState(): SharedState {
  holder.__porticoSharedState ??= createSharedState(getConfig().redisUrl ?? undefined);
  return holder.__porticoSharedState;
}
