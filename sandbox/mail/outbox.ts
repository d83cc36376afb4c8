// What the sandbox's SMTP server received, kept in memory for the outbox page and API: the demo
// user reads their sign-in link there, the tests read the whole message.
import { randomUUID } from 'node:crypto';

export interface OutboxMessage {
  id: string;
  receivedAt: string;
  /** The SMTP envelope: who the client said it sends from and to. */
  envelope: { from: string | null; to: string[] };
  /** The parsed headers (mailparser), lower-case names; address headers as their text. */
  headers: Record<string, string>;
  from: string;
  to: string;
  subject: string;
  date: string | null;
  messageId: string | null;
  text: string;
  html: string;
  /** Links in the plain-text part, in order: what the demo user opens. */
  links: string[];
  /** The message as received, bytes for bytes (UTF-8 text). */
  raw: string;
}

/** The newest messages, at most LIMIT (the oldest go first), newest first. */
export class Outbox {
  static readonly LIMIT = 500;
  private messages: OutboxMessage[] = [];

  add(message: Omit<OutboxMessage, 'id' | 'receivedAt'>): OutboxMessage {
    const stored = { id: randomUUID(), receivedAt: new Date().toISOString(), ...message };
    this.messages.unshift(stored);
    if (this.messages.length > Outbox.LIMIT) this.messages.length = Outbox.LIMIT;
    return stored;
  }

  /** Newest first; `to` keeps the messages for one recipient (envelope, case-insensitive). */
  list(to?: string): OutboxMessage[] {
    const who = to?.trim().toLowerCase();
    return who ? this.messages.filter((m) => m.envelope.to.some((address) => address.toLowerCase() === who)) : [...this.messages];
  }

  clear(): void {
    this.messages = [];
  }
}

export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"']+/g)].map((match) => match[0]);
}
