import { signInHref } from '../session/safe-next-path';
import type { SubmitOutcome } from './submit-once';

/**
 * Why a write did not go through, as codes: the session had ended before anything was sent, or
 * submitOnce did not succeed (and how). The words a customer reads for each are the UI's to say
 * (app/ui/forms/write-messages.ts), as for every help desk failure.
 */
export type WriteProblem = { kind: 'session-ended' } | Exclude<SubmitOutcome, { kind: 'done' }>;

/** What a form answers when submitOnce did not succeed: the problem, and a way to sign in again if that is what failed. */
export function unfinishedWriteState(outcome: Exclude<SubmitOutcome, { kind: 'done' }>, returnTo: string): { problem: WriteProblem; signInHref?: string } {
  return sessionEndedAtHelpdesk(outcome) ? { problem: outcome, signInHref: signInHref(returnTo, { expired: true }) } : { problem: outcome };
}

/** What a form answers when the session ended before anything was sent. */
export function sessionEndedState(returnTo: string): { problem: WriteProblem; signInHref: string } {
  return { problem: { kind: 'session-ended' }, signInHref: signInHref(returnTo) };
}

/** The help desk refused the customer's credentials for the write (a 401): their session is over. */
export function sessionEndedAtHelpdesk(outcome: Exclude<SubmitOutcome, { kind: 'done' }>): boolean {
  return outcome.kind === 'failed' && outcome.error.code === 'unauthorized';
}
