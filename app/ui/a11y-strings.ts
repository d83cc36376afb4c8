/**
 * The customer-facing words the accessibility fixes added (issue 11). Kept in one place so they
 * move into the translation catalogs together; the existing English wording is unchanged.
 */

/** The title of a form's error summary, the GOV.UK pattern's words. */
export const ERROR_SUMMARY_TITLE = 'There is a problem';

/** Said after a link that opens in a new tab, to screen readers (and shown as an icon). */
export const OPENS_IN_NEW_TAB = '(opens in a new tab)';
