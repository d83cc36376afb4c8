// The outbox on the control API: /_sandbox/outbox (HTML, for a person) and /_sandbox/outbox.json
// (for tests), the admin's like every control endpoint. The page asks the browser for the admin's
// credentials (WWW-Authenticate), so the demo user can open it straight from `npm start`'s banner.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context';
import { ApiError, badRequest } from '../errors';
import { CONTROL_PREFIX, requireAdmin } from '../control';
import type { Outbox, OutboxMessage } from './outbox';

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function toParam(req: FastifyRequest): string | undefined {
  const raw = (req.query as Record<string, unknown>)['to'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw === '') throw badRequest('to must be an email');
  return raw;
}

function page(messages: OutboxMessage[]): string {
  const items = messages.map(
    (m) => `<article>
<h2>${escapeHtml(m.subject || '(no subject)')}</h2>
<p><b>To:</b> ${escapeHtml(m.to)} · <b>From:</b> ${escapeHtml(m.from)} · <b>Date:</b> ${escapeHtml(m.date ?? m.receivedAt)}</p>
${m.links.map((link) => `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`).join('\n')}
<pre>${escapeHtml(m.text)}</pre>
</article>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sandbox outbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding-block:1rem}pre{white-space:pre-wrap}</style></head>
<body><h1>Sandbox outbox</h1>
<p>Mail the sandbox's SMTP server received, newest first (${messages.length}). Reload to see new mail.</p>
${items.join('\n') || '<p>No mail yet.</p>'}
</body></html>
`;
}

export function outboxRoutes(app: FastifyInstance, ctx: SandboxContext, outbox: Outbox): void {
  app.get(`${CONTROL_PREFIX}/outbox`, async (req, reply: FastifyReply) => {
    try {
      await requireAdmin(ctx, req);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        return reply.code(401).header('www-authenticate', 'Basic realm="Portico sandbox", charset="UTF-8"').type('text/plain; charset=utf-8').send('Sign in as the sandbox admin.');
      }
      throw error;
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page(outbox.list(toParam(req))));
  });

  app.get(`${CONTROL_PREFIX}/outbox.json`, async (req) => {
    await requireAdmin(ctx, req);
    return { messages: outbox.list(toParam(req)) };
  });

  app.delete(`${CONTROL_PREFIX}/outbox`, async (req, reply) => {
    await requireAdmin(ctx, req);
    outbox.clear();
    return reply.code(204).send();
  });
}
