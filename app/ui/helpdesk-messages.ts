import type { HelpdeskError, RefusalReason } from '@/lib/helpdesk/errors';
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
 * Why the help desk refused a text, in the customer's language: its reasons are read into codes
 * (lib/helpdesk/errors.ts, `reasonFromText`) and each becomes a catalog sentence; its own wording is
 * never shown. The same reason twice is said once; none at all gives the general one.
 */
export function validationMessages(t: Translator, error: HelpdeskValidationError): string[] {
  const said = new Set(error.reasons.map((reason) => reasonWords(t, reason)));
  return said.size > 0 ? [...said] : [t('helpdesk.checkInput')];
}

function reasonWords(t: Translator, { field, problem }: RefusalReason): string {
  switch (problem) {
    case 'not_solvable':
      return t('helpdesk.reasons.notSolvable');
    case 'not_followable':
      return t('helpdesk.reasons.notFollowable');
    case 'closed':
      return t('helpdesk.reasons.closed');
    case 'invalid_character':
      return t('helpdesk.reasons.invalidCharacter');
    case 'blank':
      return t('helpdesk.reasons.blank', { field });
    case 'too_long':
      return t('helpdesk.reasons.tooLong', { field });
    default:
      return t('helpdesk.reasons.invalid', { field });
  }
}

export { HelpdeskValidationError };
