import 'server-only';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { Caller } from '../helpdesk';
import { getConfig } from '../platform/config';
import { sharedState } from '../platform/shared-state';
import { endCurrentSession, getCaller } from '../session/session';
import { formTokenFrom, submissionKey, textScope } from './form-token';
import { submitOnce, type Found } from './submit-once';
import { sessionEndedAtHelpdesk, sessionEndedState, unfinishedWriteState, type WriteProblem } from './write-failure';
import { logUnfinishedWrite } from './write-outcome-log';

/** What a write does: its log line and its words (app/ui/forms/write-messages.ts) follow it. */
export type WriteWhat = 'request' | 'reply' | 'solve';

/** What a write's form gets back when it did not go through; the UI puts `problem` into words. */
export interface WriteResult<Values, Errors> {
  errors?: Errors;
  message?: string;
  problem?: WriteProblem;
  /** The submitted text, fed back into the form so nothing typed is lost on an error. */
  values: Values;
  /** The form's one-time token, kept for the retry so the server recognises the same text. */
  token: string;
  /** Set when the session has ended: where to log in and come back to this form. */
  signInHref?: string;
}

type FieldErrors = Record<string, string[] | undefined>;

export interface Write<Values, Input, Errors> {
  what: WriteWhat;
  formData: FormData;
  /** The text as typed, given back on any error. */
  values: Values;
  /** The page the form is on: where signing in again comes back to. */
  returnTo: string;
  schema: z.ZodType<Input>;
  /** What the schema checks, when it is more than `values`. */
  unchecked?: unknown;
  /** How the schema's complaints land on the form; by default each field's under its own name. */
  invalid?: (fieldErrors: FieldErrors) => { errors: Errors; message?: string };
  /** The text that makes two attempts the same write (see lib/forms/form-token.ts). */
  sameWrite: (input: Input) => string[];
  /** Sends the write to the help desk; answers the id of the request it went to. */
  send: (caller: Caller, input: Input) => Promise<string>;
  /** What an earlier attempt may have made, for submitOnce's check before sending again. */
  findEarlier: (caller: Caller, input: Input, since: number) => Promise<Found[]>;
  keyOfSent?: (id: string) => string;
  /** Where the browser goes once the help desk has it. */
  doneHref: (id: string) => string;
}

/**
 * The one path of every write a customer makes (a new request, a reply): the session checked in
 * the action itself (an action is a public endpoint), the input checked, the write sent once
 * however often the form arrives (lib/forms/submit-once.ts), an unfinished one logged, and the
 * browser sent on when it is done. Only a write that did not go through returns.
 */
export async function runWrite<Values, Input, Errors = Partial<Record<keyof Values & string, string[]>>>(write: Write<Values, Input, Errors>): Promise<WriteResult<Values, Errors>> {
  const { values } = write;
  const token = formTokenFrom(write.formData);
  const signedIn = await getCaller();
  if (!signedIn) return { ...sessionEndedState(write.returnTo), values, token };

  const parsed = write.schema.safeParse(write.unchecked ?? values);
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error) as { fieldErrors: FieldErrors };
    return { ...(write.invalid ? write.invalid(fieldErrors) : { errors: fieldErrors as Errors }), values, token };
  }

  const { caller } = signedIn;
  const input = parsed.data;
  const text = write.sameWrite(input);
  const outcome = await submitOnce({
    store: sharedState(),
    requesterId: caller.requesterId,
    token: submissionKey(token, text),
    scope: textScope([write.what, ...text]),
    timeoutMs: getConfig().helpdeskTimeoutMs,
    send: () => write.send(caller, input),
    ...(write.keyOfSent ? { keyOfSent: write.keyOfSent } : {}),
    findEarlier: (since) => write.findEarlier(caller, input, since),
  });
  if (outcome.kind !== 'done') {
    await logUnfinishedWrite(write.what, outcome);
    // End-user mode: the help desk refused the customer's password (changed there). As for a page
    // read (lib/session/read-helpdesk.ts), the session ends now, so the next page does not send
    // the refused password again. The cookie stays until /login: clearing it here would re-render
    // the page behind the form, and the form's message and text would be lost. (On behalf of, a
    // 401 is about the portal's agent account, not this customer: their session stays.)
    if (sessionEndedAtHelpdesk(outcome) && getConfig().signInMode === 'end-user') await endCurrentSession({ clearCookie: false });
    return { ...unfinishedWriteState(outcome, write.returnTo), values, token };
  }
  redirect(write.doneHref(outcome.id));
}
