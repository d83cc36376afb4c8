import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkCatalogs, shape, type Catalog } from '../catalog-check';
import { DEFAULT_LOCALE, LOCALES } from '../locales';

const load = (locale: string): Catalog => JSON.parse(readFileSync(new URL(`../messages/${locale}.json`, import.meta.url), 'utf8'));

test('every catalog has every message, with the same placeholders, selects and tags as English', () => {
  const others = Object.fromEntries(LOCALES.filter((l) => l !== DEFAULT_LOCALE).map((l) => [l, load(l)]));
  assert.deepEqual(checkCatalogs(load(DEFAULT_LOCALE), others), []);
});

test('the translations are translations: no catalog is the English one copied', () => {
  const english = JSON.stringify(load(DEFAULT_LOCALE));
  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) assert.notEqual(JSON.stringify(load(locale)), english, locale);
});

const reference: Catalog = {
  login: { title: 'Log in', wait: 'Try again in {seconds, plural, one {# second} other {# seconds}}.' },
  list: { empty: '{status, select, open {No open requests} other {No solved requests}}', links: '<all>All</all> or <new>new</new>' },
  greeting: 'Hello {name}',
};

test('the check finds a missing message', () => {
  const broken: Catalog = { ...reference, login: { title: 'Anmelden' } };
  assert.deepEqual(checkCatalogs(reference, { de: broken }), ['de: login.wait is missing']);
});

test('the check finds a missing or renamed placeholder, and one message too many', () => {
  const broken: Catalog = {
    login: { title: 'Anmelden', wait: 'Versuchen Sie es in {secs, plural, one {# Sekunde} other {# Sekunden}} erneut.' },
    list: { empty: '{status, select, open {Keine offenen Anfragen} other {Keine gelösten Anfragen}}', links: '<all>Alle</all> oder neu' },
    greeting: 'Hallo',
    extra: 'Zu viel',
  };
  assert.deepEqual(checkCatalogs(reference, { de: broken }), [
    'de: extra is not in the reference catalog',
    'de: login.wait differs in its placeholders (missing seconds:plural, unexpected secs:plural)',
    'de: list.links differs in its placeholders (missing <new>)',
    'de: greeting differs in its placeholders (missing name:argument)',
  ]);
});

test('the check finds a changed select, a plural without `other`, and a message that does not parse', () => {
  const broken: Catalog = {
    login: { title: 'Anmelden {', wait: 'In {seconds, plural, one {# Sekunde}} erneut.' },
    list: { empty: '{status, select, offen {Keine} other {Keine gelösten}}', links: '<all>Alle</all> oder <new>neu</new>' },
    greeting: 'Hallo {name}',
  };
  const problems = checkCatalogs(reference, { de: broken });
  assert.equal(problems.length, 3);
  assert.match(problems[0]!, /^de: login\.title does not parse/);
  assert.match(problems[1]!, /^de: login\.wait does not parse \(MISSING_OTHER_CLAUSE\)/);
  assert.match(problems[2]!, /^de: list\.empty differs .*select\(offen\|other\)/);
});

test('plural categories are each language’s own: Arabic’s six forms and Japanese’s one match English’s two', () => {
  assert.deepEqual(shape('{n, plural, zero {لا شيء} one {واحد} two {اثنان} few {# قليلة} many {# كثيرة} other {# أخرى}}'), shape('{n, plural, one {# item} other {# items}}'));
  assert.deepEqual(shape('{n, plural, other {#件}}'), shape('{n, plural, one {# item} other {# items}}'));
});
