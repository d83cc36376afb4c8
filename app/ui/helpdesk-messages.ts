import type { HelpdeskError, HelpdeskErrorCode } from '@/lib/helpdesk/errors';
import { HelpdeskValidationError } from '@/lib/helpdesk/errors';

/**
 * The words a customer sees for each help desk failure. The door (lib/helpdesk/) only says what
 * went wrong, with a code; what that means to a person is the UI's to say.
 */
const MESSAGES: Record<HelpdeskErrorCode, string> = {
  unauthorized: 'The help desk did not accept your sign-in. Please sign in again.',
  forbidden: 'You do not have access to this request.',
  not_found: 'We could not find that request.',
  validation: 'The help desk could not accept what you sent. Please check it and try again.',
  rate_limited: 'The help desk is busy right now. Please wait a moment and try again.',
  unavailable: 'The help desk is not answering right now. Please try again in a minute.',
  timeout: 'The help desk is taking too long to answer. Please try again in a minute.',
  bad_response: 'The help desk sent an answer we could not read. Please try again later.',
};

/** Said when the help desk refused the input without a reason the portal could read. */
const GENERIC_VALIDATION_MESSAGE = 'Please check what you entered and try again.';

export function helpdeskErrorMessage(error: HelpdeskError): string {
  return MESSAGES[error.code];
}

/** The help desk's own reasons for refusing the input, or a general one when it gave none. */
export function validationMessages(error: HelpdeskValidationError): string[] {
  return error.messages.length > 0 ? error.messages : [GENERIC_VALIDATION_MESSAGE];
}

export { HelpdeskValidationError };
