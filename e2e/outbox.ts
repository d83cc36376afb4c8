import { expect } from '@playwright/test';
import type { OutboxMessage } from '../sandbox/mail/outbox';
import { sandbox } from './sandbox-admin';
import { SANDBOX_URL } from './ports';

/** The sandbox's mail server, where the portal's SMTP_URL points: 5 above the sandbox (sandbox/config.ts). */
export const SANDBOX_SMTP_PORT = Number(process.env.E2E_SANDBOX_SMTP_PORT ?? Number(new URL(SANDBOX_URL).port) + 5);
export const SANDBOX_SMTP_URL = `smtp://127.0.0.1:${SANDBOX_SMTP_PORT}`;

export type { OutboxMessage } from '../sandbox/mail/outbox';

/** The mail the sandbox received for `to`, newest first (the one sandbox client's outbox read). */
export const mailFor = (to: string): Promise<OutboxMessage[]> => sandbox.mailFor(to);

/** Waits until `to` has `count` messages (the portal sends after answering), and gives the newest. */
export async function awaitMail(to: string, count = 1): Promise<OutboxMessage> {
  let messages: OutboxMessage[] = [];
  await expect
    .poll(async () => (messages = await mailFor(to)).length, { message: `mail for ${to}`, timeout: 15_000 })
    .toBeGreaterThanOrEqual(count);
  return messages[0]!;
}

/** The sign-in link in a message's plain-text part. */
export function signInLink(message: OutboxMessage): string {
  const link = message.links.find((l) => new URL(l).pathname === '/login/link');
  if (!link) throw new Error(`no sign-in link in: ${message.text}`);
  return link;
}
