import 'server-only';
import Redis from 'ioredis';
import { getConfig } from './config';
import { MemoryState } from './memory-state';
import { IpcState, isServeWorker } from './primary-state';

/**
 * The little state that must be shared when several portal instances serve the same users:
 * login attempt counts, one-time form tokens and their results, used SSO token ids, and which
 * sessions were ended (log-out). Sessions themselves live in the sealed cookie.
 *
 * One interface, three backends: Redis when REDIS_URL is set; without it, the memory of the
 * primary process when `npm start` serves with several workers (each worker reaches it over IPC:
 * lib/platform/primary-state.ts), else this process's own memory (one process, e.g. `next dev`).
 * Everything here expires on its own, so no backend grows without bound.
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
  /** Where the state lives, for code that needs a store of its own kind (login limits' rate limiters). */
  readonly backend: 'memory' | 'primary' | 'redis';
}

class RedisState implements SharedState {
  readonly backend = 'redis' as const;
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

/**
 * Builds a store for a given Redis URL, or without one the primary's (in a worker of `npm start`,
 * which sets PORTICO_WORKER) or this process's memory. Exported for tests; the app uses
 * `sharedState()`.
 */
export function createSharedState(redisUrl: string | undefined): SharedState {
  if (!redisUrl) return isServeWorker() ? new IpcState() : new MemoryState();
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
