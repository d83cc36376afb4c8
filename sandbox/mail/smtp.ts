// The sandbox's own mail server: a real SMTP server (smtp-server) on loopback, so the portal sends
// its sign-in links through nodemailer exactly as it would to a real one, and what arrives is
// parsed (mailparser) into the outbox. No authentication, no TLS: local use only.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { linksIn, type Outbox } from './outbox';

/** The largest message kept (a sign-in mail is a few kilobytes). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface RunningSmtp {
  port: number;
  close(): Promise<void>;
}

const addressText = (value: AddressObject | AddressObject[] | undefined) => (Array.isArray(value) ? value.map((v) => v.text).join(', ') : (value?.text ?? ''));

export async function startSmtp(outbox: Outbox, options: { port: number; host: string }): Promise<RunningSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    banner: 'Portico sandbox mail',
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const text = parsed.text ?? '';
            const headers: Record<string, string> = {};
            for (const [name, value] of parsed.headers) headers[name] = typeof value === 'string' ? value : addressText(value as AddressObject) || JSON.stringify(value);
            outbox.add({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              headers,
              from: addressText(parsed.from),
              to: addressText(parsed.to),
              subject: parsed.subject ?? '',
              date: parsed.date ? parsed.date.toISOString() : null,
              messageId: parsed.messageId ?? null,
              text,
              html: typeof parsed.html === 'string' ? parsed.html : '',
              links: linksIn(text),
              raw: raw.toString('utf8'),
            });
            callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => console.error(`sandbox: mail server: ${error.message}`));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
