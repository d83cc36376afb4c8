import { createServer, type Server } from 'node:http';

/**
 * A stand-in help desk that answers with hostile XML, which the sandbox (a well-behaved help desk)
 * never sends: a "billion laughs" entity bomb, an external entity (XXE) and a huge answer. Anyone
 * signs in (their email is echoed back as the current user) except emails starting `bomb`, whose
 * sign-in is answered with the bomb itself.
 */
export const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [',
  '<!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']>',
  '<tickets type="array" count="1"><ticket><nice-id>1</nice-id><subject>&lol9;</subject><description>&lol9;</description><created-at>2024-01-01T00:00:00Z</created-at></ticket></tickets>',
].join('\n');

const XXE = '<?xml version="1.0"?>\n<!DOCTYPE ticket [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<ticket><nice-id>1</nice-id><subject>&xxe;</subject><description>&xxe;</description><created-at>2024-01-01T00:00:00Z</created-at></ticket>';

export interface FakeHelpdesk {
  url: string;
  /** How many answers it has sent, by path. */
  calls: Map<string, number>;
  stop: () => Promise<void>;
}

export async function startFakeHelpdesk(port: number): Promise<FakeHelpdesk> {
  const calls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    calls.set(path, (calls.get(path) ?? 0) + 1);
    const email = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':')[0] ?? '';
    const xml = (status: number, body: string) => res.writeHead(status, { 'Content-Type': 'application/xml; charset=utf-8' }).end(body);
    if (path === '/users/current.xml') {
      if (email.startsWith('bomb')) return xml(200, BILLION_LAUGHS.replace(/<tickets[\s\S]*$/, '<user><id>1</id><name>&lol9;</name><email>x@example.com</email></user>'));
      return xml(200, `<user><id>77</id><name>Fake Customer</name><email>${email}</email></user>`);
    }
    if (path === '/requests.xml') return xml(200, BILLION_LAUGHS);
    if (path === '/requests/1.xml') return xml(200, XXE);
    if (path === '/requests/2.xml') {
      // 50 MB of valid-looking XML: the portal must stop reading at its cap, not buffer it all.
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      res.write('<ticket><nice-id>2</nice-id><description>');
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 800 && res.write(chunk)) sent++;
        if (sent < 800) res.once('drain', pump);
        else res.end('</description></ticket>');
      };
      res.on('error', () => {});
      return pump();
    }
    xml(404, '<errors><error>Not found</error></errors>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
