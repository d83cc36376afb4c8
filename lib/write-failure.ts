import { HelpdeskError } from './helpdesk/errors';

/**
 * What a form says when the help desk refuses or fails a write. Every message tells the user that
 * what they typed is still in the form, and a time-out or dropped connection (where the help desk
 * may have saved it after all) asks them to check before sending again.
 */
export function writeFailureMessage(error: HelpdeskError, what: 'request' | 'reply'): string {
  const kept = 'Your text is still here.';
  switch (error.code) {
    case 'timeout':
      return `The help desk took too long to answer, so we can’t tell whether your ${what} was saved. ${kept} Check ${what === 'request' ? 'My requests' : 'the conversation'} before sending it again.`;
    case 'unauthorized':
      return `Your session has ended. ${kept} Copy it, log in again, and send it then.`;
    case 'not_found':
      return what === 'reply' ? `This request no longer exists, so your reply could not be added. ${kept}` : `The help desk could not be found. ${kept}`;
    default:
      return `${error.userMessage} ${kept}`;
  }
}

export function sessionEndedMessage(): string {
  return 'Your session has ended. Your text is still here: copy it, log in again, and send it then.';
}

export { HelpdeskError };
