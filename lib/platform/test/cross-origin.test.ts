import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalWords } from '../../i18n/proxy-words';
import { crossOriginRefusal, isCrossOriginWrite } from '../cross-origin';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

test('a write from another site’s page is cross-origin; the portal’s own is not', () => {
  assert.equal(isCrossOriginWrite('POST', headers({ origin: 'http://evil.example', host: 'localhost:3000' })), true);
  assert.equal(isCrossOriginWrite('POST', headers({ origin: 'http://localhost:3000', host: 'localhost:3000' })), false);
  // Same name, other port: another origin.
  assert.equal(isCrossOriginWrite('POST', headers({ origin: 'http://localhost:4000', host: 'localhost:3000' })), true);
  for (const method of ['PUT', 'DELETE', 'PATCH', 'post']) {
    assert.equal(isCrossOriginWrite(method, headers({ origin: 'http://evil.example', host: 'localhost:3000' })), true, method);
  }
});

test('`Origin: null` and an unreadable Origin are never the portal’s own', () => {
  assert.equal(isCrossOriginWrite('POST', headers({ origin: 'null', host: 'localhost:3000' })), true);
  assert.equal(isCrossOriginWrite('POST', headers({ origin: 'not a url', host: 'localhost:3000' })), true);
});

test('reads and hand-made requests without Origin pass, as in Next', () => {
  assert.equal(isCrossOriginWrite('GET', headers({ origin: 'http://evil.example', host: 'localhost:3000' })), false);
  assert.equal(isCrossOriginWrite('HEAD', headers({ origin: 'http://evil.example', host: 'localhost:3000' })), false);
  assert.equal(isCrossOriginWrite('POST', headers({ host: 'localhost:3000' })), false);
});

test('behind a proxy the first x-forwarded-host is the portal’s host, as Next’s action handler has it', () => {
  const proxied = { host: '10.0.0.5:3000', 'x-forwarded-host': 'support.example.com, internal.lan' };
  assert.equal(isCrossOriginWrite('POST', headers({ ...proxied, origin: 'https://support.example.com' })), false);
  assert.equal(isCrossOriginWrite('POST', headers({ ...proxied, origin: 'http://10.0.0.5:3000' })), true);
  assert.equal(isCrossOriginWrite('POST', headers({ ...proxied, origin: 'https://evil.example' })), true);
});

test('the refusal is a short 403 page that is never cached', async () => {
  const response = crossOriginRefusal(refusalWords({ cookies: { get: () => undefined }, headers: new Headers() }, []));
  assert.equal(response.status, 403);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await response.text(), /<h1>Not allowed<\/h1>/);
});

test('the refusal speaks the customer’s language: the chosen one, else the browser’s', async () => {
  const request = (cookie: string | undefined, acceptLanguage: string) => ({
    cookies: { get: (name: string) => (name === 'portico_locale' && cookie ? { value: cookie } : undefined) },
    headers: new Headers({ 'accept-language': acceptLanguage }),
  });
  const german = await crossOriginRefusal(refusalWords(request(undefined, 'de-DE,de;q=0.9'), [])).text();
  assert.match(german, /<html lang="de" dir="ltr">/);
  assert.match(german, /<h1>Nicht erlaubt<\/h1>/);
  const arabic = await crossOriginRefusal(refusalWords(request('ar', 'de'), [])).text();
  assert.match(arabic, /<html lang="ar" dir="rtl">/);
});
