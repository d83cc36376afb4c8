import 'server-only';
import { requestLogger } from '../platform/log';
import type { WriteWhat } from './run-write';
import type { SubmitOutcome } from './submit-once';

/**
 * One log line for every write a customer was told did not go through (or may not have), beside
 * the help desk call's own line under the same request id, so failed writes can be counted.
 * A refusal of what they typed (422) is part of normal use: info, not a warning.
 */
export async function logUnfinishedWrite(what: WriteWhat, outcome: Exclude<SubmitOutcome, { kind: 'done' }>): Promise<void> {
  const failed = outcome.kind === 'failed' ? { code: outcome.error.code, unsure: outcome.unsure } : {};
  const level = failed.code === 'validation' ? 'info' : 'warn';
  (await requestLogger())[level]({ event: 'write_not_done', what, outcome: outcome.kind, ...failed }, `${what} not sent: ${outcome.kind}`);
}
