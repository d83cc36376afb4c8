import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { clientMessages, type ClientMessagesPart } from '@/lib/i18n/client-messages';
import type { Messages } from '@/lib/i18n/messages';

/**
 * The catalog sections `part`'s client components translate with, and nothing else
 * (lib/i18n/client-messages.ts). A page with translated client components wraps everything it
 * renders in one of these; the root layout wraps the site in `everyPage`.
 */
export async function ClientMessages({ part, children }: { part: ClientMessagesPart; children: ReactNode }) {
  const messages = clientMessages((await getMessages()) as Messages, part);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
