import 'server-only';
import { IpcState, isServeWorker, type WorkersStatus } from './primary-state';

export type { WorkersStatus };

const holder = globalThis as unknown as { __porticoPrimary?: IpcState };

/**
 * How many of `npm start`'s workers are serving and how many it wants (scripts/serve.mjs, asked
 * over IPC, whatever the shared state's backend); null in a process that is no such worker
 * (`next start` or `next dev` on its own), where there is nothing more to know.
 */
export async function workersStatus(): Promise<WorkersStatus | null> {
  if (!isServeWorker()) return null;
  holder.__porticoPrimary ??= new IpcState();
  return holder.__porticoPrimary.workers();
}
