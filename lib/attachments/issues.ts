import type { HelpdeskErrorCode } from '../helpdesk/errors';
import type { FileProblem } from './rules';

/**
 * Why a file did not make it into a message, as a code with what the words need; the UI says it
 * in the customer's language, naming the file (app/ui/attachments/file-words.ts). No dependencies
 * beyond types: the browser's checks and the server's produce the same issues.
 */
export type FileIssue =
  | (FileProblem & { fileName: string })
  /** A kept file's seal ran out (the help desk drops an unused upload after an hour) or belongs to another sign-in. */
  | { code: 'expired'; fileName: string }
  /** A seal that is not one of ours at all: nothing to name. */
  | { code: 'invalid'; fileName: null }
  /** The help desk did not take the file. */
  | { code: 'upload_failed'; fileName: string; helpdesk: HelpdeskErrorCode }
  /** The file stopped short of the size it was announced with (the connection broke). */
  | { code: 'incomplete'; fileName: string }
  /** The session had ended when the form arrived: nothing could be uploaded for anyone. */
  | { code: 'session_ended'; fileName: string };
