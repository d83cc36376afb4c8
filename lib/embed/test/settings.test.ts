import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embedContext, embedSettingsFromHeader } from '../context';
import { EMBED_COOKIE_NAME, embedCustomProperties, parseEmbedSettings, serializeEmbedSettings } from '../settings';

const allowed = ['http://127.0.0.1:4090'];
const params = (query: string) => new URLSearchParams(query);

test('theme, brand colour, font and host are taken only when they pass strict patterns', () => {
  assert.deepEqual(parseEmbedSettings(params('theme=dark&brand=%230A7C53&font=Source%20Sans%203&host=http%3A%2F%2F127.0.0.1%3A4090'), allowed), {
    theme: 'dark',
    brand: '#0a7c53',
    font: 'Source Sans 3',
    host: 'http://127.0.0.1:4090',
  });
  assert.deepEqual(parseEmbedSettings(params('brand=%23abc'), allowed), { brand: '#abc' });
  for (const bad of [
    'theme=blue',
    'brand=red',
    'brand=%23abcd',
    'brand=%23abc;color:red',
    'brand=url(x)',
    'font=Inter";}body{display:none',
    'font=a%3Cb',
    `font=${'x'.repeat(60)}`,
    'host=https%3A%2F%2Fevil.example',
    'host=javascript%3Aalert(1)',
  ]) {
    assert.deepEqual(parseEmbedSettings(params(bad), allowed), {}, bad);
  }
});

test('settings survive the trip through the cookie and header', () => {
  const settings = { theme: 'light' as const, brand: '#112233', font: 'Inter', host: 'http://127.0.0.1:4090' };
  const serialized = serializeEmbedSettings(settings);
  assert.match(serialized, /^embed=1&/);
  assert.deepEqual(embedSettingsFromHeader(serialized, allowed), settings);
  assert.deepEqual(embedSettingsFromHeader('embed=1', allowed), {});
  assert.equal(embedSettingsFromHeader(null, allowed), null);
  assert.equal(embedSettingsFromHeader('theme=dark', allowed), null);
});

test('brand colours get readable text and the custom properties globals.css uses', () => {
  assert.deepEqual(Object.keys(embedCustomProperties({ brand: '#0a7c53', font: 'Inter' })), [
    '--portico-brand',
    '--portico-brand-hover',
    '--portico-on-brand',
    '--portico-brand-text',
    '--portico-font',
  ]);
  assert.equal(embedCustomProperties({ font: 'Inter' })['--portico-font'], '"Inter", system-ui, sans-serif');
  assert.deepEqual(embedCustomProperties({ theme: 'dark' }), {});
});

function fakeRequest(query: string, cookies: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return {
    nextUrl: { searchParams: new URLSearchParams(query) },
    cookies: { get: (name: string) => (name in cookies ? { value: cookies[name]! } : undefined) },
    headers: { get: (name: string) => headers[name] ?? null },
  };
}

test('inside a frame, a request is embedded by ?embed=1 (remembered), the remembered cookie, or the frame alone', () => {
  const frame = { 'sec-fetch-dest': 'iframe' };
  const fromUrl = embedContext(fakeRequest('embed=1&theme=dark&brand=nope', {}, frame), allowed);
  assert.deepEqual(fromUrl, { header: 'embed=1&theme=dark', remember: 'embed=1&theme=dark', forget: false });

  const fromCookie = embedContext(fakeRequest('', { [EMBED_COOKIE_NAME]: 'embed=1&brand=%23123456' }, frame), allowed);
  assert.deepEqual(fromCookie, { header: 'embed=1&brand=%23123456', remember: null, forget: false });

  assert.deepEqual(embedContext(fakeRequest('', {}, frame), allowed), { header: 'embed=1', remember: null, forget: false });
  // The page's own fetches (client navigations, server actions) inside the frame carry the cookie.
  const fetched = embedContext(fakeRequest('', { [EMBED_COOKIE_NAME]: 'embed=1&theme=dark' }, { 'sec-fetch-dest': 'empty' }), allowed);
  assert.deepEqual(fetched, { header: 'embed=1&theme=dark', remember: null, forget: false });
  assert.deepEqual(embedContext(fakeRequest('', {}, { 'sec-fetch-dest': 'empty' }), allowed), { header: null, remember: null, forget: false });
});

test('a top-level page is never embedded: ?embed=1 on an ordinary link is neither obeyed nor remembered', () => {
  for (const headers of [{ 'sec-fetch-dest': 'document' }, {}, { 'sec-fetch-dest': 'image' }] as Record<string, string>[]) {
    const label = JSON.stringify(headers);
    assert.deepEqual(embedContext(fakeRequest('embed=1&theme=dark', {}, headers), allowed), { header: null, remember: null, forget: false }, label);
    // An embed cookie that reached the top level (set before this rule, or planted) is forgotten.
    assert.deepEqual(
      embedContext(fakeRequest('', { [EMBED_COOKIE_NAME]: 'embed=1' }, headers), allowed),
      { header: null, remember: null, forget: true },
      label,
    );
  }
  // A fetch with ?embed=1 but no remembered settings is not embedded either: the URL alone never decides.
  assert.deepEqual(embedContext(fakeRequest('embed=1', {}, { 'sec-fetch-dest': 'empty' }), allowed), { header: null, remember: null, forget: false });
});

test('data-locale: a supported language only, kept through the cookie and header, dropped otherwise', () => {
  const origins = ['https://host.example'];
  assert.equal(parseEmbedSettings(new URLSearchParams('locale=de-CH'), origins).locale, 'de');
  assert.equal(parseEmbedSettings(new URLSearchParams('locale=ar'), origins).locale, 'ar');
  assert.equal(parseEmbedSettings(new URLSearchParams('locale=zh'), origins).locale, undefined);
  assert.equal(parseEmbedSettings(new URLSearchParams('locale=de%3Bq%3D1'), origins).locale, undefined);
  assert.equal(parseEmbedSettings(new URLSearchParams('locale=%22%3E%3Cscript%3E'), origins).locale, undefined);
  const header = serializeEmbedSettings(parseEmbedSettings(new URLSearchParams('embed=1&locale=ja'), origins));
  assert.equal(embedSettingsFromHeader(header, origins)?.locale, 'ja');
});
