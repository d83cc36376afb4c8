import type { HelpdeskError } from '@/lib/helpdesk/errors';
import { HelpdeskValidationError } from '@/lib/helpdesk/errors';
import type { Translator } from '@/lib/i18n/translator';

/**
 * The words a customer sees for each help desk failure. The door (lib/helpdesk/) only says what
 * went wrong, with a code; what that means to a person is the UI's to say, in the catalog's
 * `helpdesk` messages, in the customer's language.
 */
export function helpdeskErrorMessage(t: Translator, error: HelpdeskError): string {
  return t(`helpdesk.${error.code}`);
}

/**
 * The help desk's own reasons for refusing the input (its text, shown as written), or a general
 * one in the customer's language when it gave none.
 */
export function validationMessages(t: Translator, error: HelpdeskValidationError): string[] {
  return error.messages.length > 0 ? error.messages : [t('helpdesk.checkInput')];
}

export { HelpdeskValidationError };
