import 'server-only';
import { z } from 'zod';
import { openFormUploads, peekFormUploads, type FileIssue } from '../attachments/form-uploads';
import type { KeptUpload } from '../attachments/receipt';
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
  /** The files the help desk already has for this form, given back so the retry attaches them without uploading again. */
  uploads: KeptUpload[];
  /** What was wrong with the files sent (a seal that expired or is not this customer's, too many). */
  fileIssues?: FileIssue[];
}

/** Where a write ends: done (where the browser goes now), or back to its form with what went wrong. */
export type WriteOutcome<Values, Errors> = { done: true; href: string } | { done: false; result: WriteResult<Values, Errors> };

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
  /** Sends the write to the help desk, with the upload tokens of its files; answers the id of the request it went to. */
  send: (caller: Caller, input: Input, uploads: string[]) => Promise<string>;
  /** What an earlier attempt may have made, for submitOnce's check before sending again. */
  findEarlier: (caller: Caller, input: Input, since: number) => Promise<Found[]>;
  keyOfSent?: (id: string) => string;
  /** Where the browser goes once the help desk has it. */
  doneHref: (id: string) => string;
  /** Files refused while the form was read (a form posted without JavaScript): the write waits until they are dealt with. */
  refusedFiles?: FileIssue[];
}

/**
 * The one path of every write a customer makes (a new request, a reply), whether it came as a
 * server action or as a form posted without JavaScript (app/requests/…/send/route.ts): the session
 * checked here (an action is a public endpoint), the input and the sealed files checked, the write
 * sent once however often the form arrives (lib/forms/submit-once.ts), an unfinished one logged.
 * It says where the browser goes next; the action redirects there, the route answers a 303.
 */
export async function runWrite<Values, Input, Errors = Partial<Record<keyof Values & string, string[]>>>(write: Write<Values, Input, Errors>): Promise<WriteOutcome<Values, Errors>> {
  const { values } = write;
  const token = formTokenFrom(write.formData);
  const back = (result: Omit<WriteResult<Values, Errors>, 'values' | 'token'>): WriteOutcome<Values, Errors> => ({ done: false, result: { ...result, values, token } });
  const signedIn = await getCaller();
  // Nobody to open the seals for: the files stay in the form as they came, and are opened for the
  // customer when the form is sent again after signing in.
  if (!signedIn) {
    const refused = write.refusedFiles?.length ? { fileIssues: write.refusedFiles } : {};
    return back({ ...sessionEndedState(write.returnTo), uploads: await peekFormUploads(write.formData), ...refused });
  }

  const { caller } = signedIn;
  const opened = await openFormUploads(write.formData, caller.requesterId);
  const files = { ...opened, issues: [...(write.refusedFiles ?? []), ...opened.issues] };
  const parsed = write.schema.safeParse(write.unchecked ?? values);
  const fileIssues = files.issues.length > 0 ? { fileIssues: files.issues } : {};
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error) as { fieldErrors: FieldErrors };
    return back({ ...(write.invalid ? write.invalid(fieldErrors) : { errors: fieldErrors as Errors }), uploads: files.kept, ...fileIssues });
  }
  // A file that cannot be attached is never dropped silently: the customer decides, the text waits.
  if (files.issues.length > 0) return back({ uploads: files.kept, ...fileIssues });

  const input = parsed.data;
  const text = write.sameWrite(input);
  const outcome = await submitOnce({
    store: sharedState(),
    requesterId: caller.requesterId,
    // The files are part of what makes two attempts the same write: the retry of a failed send
    // (same text, same uploads) is one write, sent once; the same text with other files is another.
    // The scope stays the text alone: it must match what the help desk search compares.
    token: submissionKey(token, [...text, ...files.tokens]),
    scope: textScope([write.what, ...text]),
    timeoutMs: getConfig().helpdeskTimeoutMs,
    send: () => write.send(caller, input, files.tokens),
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
    return back({ ...unfinishedWriteState(outcome, write.returnTo), uploads: files.kept });
  }
  return { done: true, href: write.doneHref(outcome.id) };
}
