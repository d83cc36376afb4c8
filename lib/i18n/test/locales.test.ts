import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseLocale } from '../choose';
import { acceptedLanguages, negotiateLocale, supportedLocale, textDirection } from '../locales';

test('Accept-Language is negotiated by q-value, not by order or by what matches exactly', () => {
  assert.equal(negotiateLocale('fr;q=0.5, de;q=0.9, en;q=0.1'), 'de');
  assert.equal(negotiateLocale('pt-BR, ja;q=0.8, en;q=0.7'), 'ja', 'an unsupported first choice falls to the next one');
  assert.equal(negotiateLocale('de-AT,de;q=0.9,en;q=0.8'), 'de', 'a regional variant finds its language');
  assert.equal(negotiateLocale('ar-EG'), 'ar');
  assert.equal(negotiateLocale('es-419, en;q=0.5'), 'es');
  assert.equal(negotiateLocale('de;q=0, fr'), 'fr', 'q=0 means not this one');
  assert.equal(negotiateLocale('en;q=0.2, fr;q=0.2'), 'en', 'equal weights keep the header’s order');
});

test('no header, junk or only unsupported languages: English', () => {
  assert.equal(negotiateLocale(null), 'en');
  assert.equal(negotiateLocale(''), 'en');
  assert.equal(negotiateLocale('*'), 'en');
  assert.equal(negotiateLocale('zh-CN, pt;q=0.9'), 'en');
  assert.equal(negotiateLocale('<script>, de;q=banana'), 'en', 'a malformed q counts as a refusal');
  assert.deepEqual(acceptedLanguages('da, en-GB;q=0.8, en;q=0.7'), ['da', 'en-GB', 'en']);
});

test('a single tag from a host or a token: a supported language or nothing', () => {
  assert.equal(supportedLocale('de-CH'), 'de');
  assert.equal(supportedLocale('ja'), 'ja');
  assert.equal(supportedLocale('zh'), null);
  assert.equal(supportedLocale('de;q=1'), null);
  assert.equal(supportedLocale('"><script>'), null);
  assert.equal(supportedLocale(''), null);
});

test('the customer’s choice wins, then the host’s, then the browser’s, then English', () => {
  assert.equal(chooseLocale({ chosen: 'fr', host: 'de', acceptLanguage: 'ja' }), 'fr');
  assert.equal(chooseLocale({ chosen: 'xx', host: 'de', acceptLanguage: 'ja' }), 'de', 'a forged cookie value is ignored');
  assert.equal(chooseLocale({ host: 'es', acceptLanguage: 'ja' }), 'es');
  assert.equal(chooseLocale({ acceptLanguage: 'ja' }), 'ja');
  assert.equal(chooseLocale({}), 'en');
});

test('Arabic is written right to left, the others left to right', () => {
  assert.equal(textDirection('ar'), 'rtl');
  for (const locale of ['en', 'de', 'fr', 'es', 'ja'] as const) assert.equal(textDirection(locale), 'ltr');
});
