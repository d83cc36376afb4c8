import type { Messages } from './messages';

/**
 * Which catalog sections go to the browser, per part of the site. Client components translate with
 * the messages of the nearest <ClientMessages> above them (app/ui/client-messages.tsx), and only
 * what that part's client components use is sent: the messages ride in the page's flight payload,
 * are serialized on every view and parsed again in the browser. Sending all the sections client
 * code uses on every page was a third of the list page's payload and about a tenth of its server
 * CPU (measured A/B, 2026-11-30), for a list whose only translated client part is the language picker.
 *
 * - `everyPage`: the root layout's client parts (language picker, the embed's storage prompt) and
 *   the error page (app/error.tsx, rendered inside the root layout);
 * - the others: one route's client parts, given by that route's layout (app/requests/[id]/layout.tsx,
 *   app/requests/new/layout.tsx, app/login/layout.tsx), so whatever its page renders, a form
 *   coming back after the help desk failed too, is inside it.
 *
 * lib/i18n/test/client-messages.test.ts reads each page's client code and fails when the part of
 * the nearest layout lacks a section a client component there uses.
 */
export const CLIENT_MESSAGES = {
  everyPage: ['language', 'embed', 'errorPage'],
  newRequest: ['newRequest', 'fields', 'forms', 'attachments', 'helpdesk', 'ccs'],
  request: ['request', 'forms', 'attachments', 'helpdesk', 'ccs'],
  signIn: ['login', 'emailLink', 'forms'],
} as const satisfies Record<string, readonly (keyof Messages)[]>;

export type ClientMessagesPart = keyof typeof CLIENT_MESSAGES;

/** The part of `messages` one part of the site's client components need. */
export function clientMessages<P extends ClientMessagesPart>(messages: Messages, part: P): Pick<Messages, (typeof CLIENT_MESSAGES)[P][number]> {
  return Object.fromEntries(CLIENT_MESSAGES[part].map((section) => [section, messages[section]])) as Pick<Messages, (typeof CLIENT_MESSAGES)[P][number]>;
}
