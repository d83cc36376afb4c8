import type { Messages } from './messages';

/**
 * The catalog's top-level sections that client components translate with (useTranslations in a
 * 'use client' file, or a helper handed their translator): only these go to the browser. The
 * whole catalog rode in every page's flight payload (about 22 KB of the list page's 43 KB), was
 * serialized on every view and parsed again in the browser; most of it (the write errors, the
 * list's filters, SSO, field labels) only the server ever renders. lib/i18n/test/client-messages.test.ts
 * reads the client code and fails when a client component uses a section missing here.
 */
export const CLIENT_SECTIONS = ['language', 'attachments', 'embed', 'forms', 'errorPage', 'newRequest', 'request', 'login', 'helpdesk', 'ccs', 'fields', 'emailLink'] as const satisfies readonly (keyof Messages)[];

/** The part of `messages` the client components need. */
export function clientMessages(messages: Messages): Pick<Messages, (typeof CLIENT_SECTIONS)[number]> {
  return Object.fromEntries(CLIENT_SECTIONS.map((section) => [section, messages[section]])) as Pick<Messages, (typeof CLIENT_SECTIONS)[number]>;
}
