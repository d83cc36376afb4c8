import type { SharedState } from './shared-state';

/**
 * The shared state of `npm start`'s workers when there is no Redis: the primary process
 * (scripts/serve.mjs) holds it in memory (MemoryState) and every worker reaches it over the
 * cluster's IPC channel with the same interface. The primary runs one operation at a time to
 * completion, so a `claim` is as atomic across workers as it is in one process, and two workers
 * never both win the same one-time token or SSO token id. The login limits use
 * rate-limiter-flexible's own cluster limiter the same way (lib/session/login-limits.ts).
 *
 * Both sides are in this file so their messages cannot drift apart; it imports nothing from Next,
 * because the primary loads it outside Next.
 */

/** Set by the primary in each worker's environment: "you are a worker; your primary answers over IPC". Internal. */
export const WORKER_ENV = 'PORTICO_WORKER';

/** Whether this process is a worker of scripts/serve.mjs, with its primary on the other end of IPC. */
export const isServeWorker = () => process.env[WORKER_ENV] === '1' && typeof process.send === 'function';
const CHANNEL = 'portico:shared-state';
/** A primary that does not answer within this long is treated like Redis being away: an error. */
const ANSWER_TIMEOUT_MS = 2_000;

const OPERATIONS = ['claim', 'get', 'getMany', 'set', 'delete', 'workers'] as const;
type Operation = (typeof OPERATIONS)[number];

interface Ask {
  channel: typeof CHANNEL;
  id: number;
  op: Operation;
  args: unknown[];
}
type Answer = { channel: typeof CHANNEL; id: number; ok: true; value: unknown } | { channel: typeof CHANNEL; id: number; ok: false; message: string };

/** How many workers the primary wants and how many are serving (listening), for /readyz. */
export interface WorkersStatus {
  serving: number;
  wanted: number;
}

/** How a worker talks to its primary: Node's IPC channel, or a stand-in in tests. */
export interface PrimaryChannel {
  send(message: Ask): void;
  onMessage(listener: (message: unknown) => void): void;
}

const processChannel = (): PrimaryChannel => ({
  send: (message) => {
    if (!process.send) throw new Error('no IPC channel to the primary process');
    process.send(message);
  },
  onMessage: (listener) => void process.on('message', listener),
});

const isAnswer = (message: unknown): message is Answer =>
  typeof message === 'object' && message !== null && (message as { channel?: unknown }).channel === CHANNEL && typeof (message as { id?: unknown }).id === 'number';

// One count for every IpcState of the process: each listens to every answer, and takes its own by id.
let lastId = 0;

/** A worker's view of the primary's state. */
export class IpcState implements SharedState {
  readonly redis = null;
  readonly backend = 'primary' as const;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly channel: PrimaryChannel = processChannel()) {
    channel.onMessage((message) => {
      if (!isAnswer(message)) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return; // answered after its time-out
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(`shared state (primary process): ${message.message}`));
    });
  }

  private ask<T>(op: Operation, ...args: unknown[]): Promise<T> {
    const id = ++lastId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`shared state (primary process): no answer to ${op} within ${ANSWER_TIMEOUT_MS} ms`));
      }, ANSWER_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        this.channel.send({ channel: CHANNEL, id, op, args });
      } catch (error) {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  claim(key: string, value: string, ttlSeconds: number) {
    return this.ask<boolean>('claim', key, value, ttlSeconds);
  }

  get(key: string) {
    return this.ask<string | null>('get', key);
  }

  getMany(keys: string[]) {
    return keys.length === 0 ? Promise.resolve([]) : this.ask<(string | null)[]>('getMany', keys);
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.ask('set', key, value, ttlSeconds);
  }

  async delete(key: string) {
    await this.ask('delete', key);
  }

  /** The primary's count of workers, for readiness. */
  workers() {
    return this.ask<WorkersStatus>('workers');
  }
}

/**
 * The primary's side: answers one worker's message if it is one of ours (returns false if not),
 * by running the operation on `store` and calling `reply` with the answer.
 */
export function answerWorker(store: SharedState, workers: () => WorkersStatus, message: unknown, reply: (answer: Answer) => void): boolean {
  const ask = message as Partial<Ask> | null;
  if (typeof ask !== 'object' || ask === null || ask.channel !== CHANNEL || typeof ask.id !== 'number') return false;
  const { id } = ask;
  const op = OPERATIONS.find((known) => known === ask.op);
  const args = Array.isArray(ask.args) ? ask.args : [];
  const run = async (): Promise<unknown> => {
    switch (op) {
      case 'claim':
        return store.claim(String(args[0]), String(args[1]), Number(args[2]));
      case 'get':
        return store.get(String(args[0]));
      case 'getMany':
        return store.getMany(Array.isArray(args[0]) ? args[0].map(String) : []);
      case 'set':
        return store.set(String(args[0]), String(args[1]), Number(args[2]));
      case 'delete':
        return store.delete(String(args[0]));
      case 'workers':
        return workers();
      default:
        throw new Error(`unknown operation ${String(ask.op)}`);
    }
  };
  run().then(
    (value) => reply({ channel: CHANNEL, id, ok: true, value: value ?? null }),
    (error: unknown) => reply({ channel: CHANNEL, id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
  return true;
}
