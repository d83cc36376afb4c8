import assert from 'node:assert/strict';
import { test } from 'node:test';
import { excerptAround, hasMarks, markWords, searchTerms } from '../match-words';

const marked = (text: string, query: string) =>
  markWords(text, searchTerms(query))
    .map((piece) => (piece.marked ? `[${piece.text}]` : piece.text))
    .join('');

test('the words of a search: folded, phrases split into words, prefixes, nothing for words left out', () => {
  assert.deepEqual(searchTerms('Printer "third FLOOR" batt* -kitchen -"meeting room" Café'), [
    { word: 'printer', prefix: false },
    { word: 'third', prefix: false },
    { word: 'floor', prefix: false },
    { word: 'batt', prefix: true },
    { word: 'cafe', prefix: false },
  ]);
  assert.deepEqual(searchTerms('   '), []);
  assert.deepEqual(searchTerms('*** "" -'), []);
  assert.deepEqual(searchTerms('e-mail status:open'), [
    { word: 'e', prefix: false },
    { word: 'mail', prefix: false },
    { word: 'status', prefix: false },
    { word: 'open', prefix: false },
  ]);
});

test('marks whole words in any case and with or without accents, and prefixes', () => {
  assert.equal(marked('The PRINTER on the third floor; printers too.', 'printer'), 'The [PRINTER] on the third floor; printers too.');
  assert.equal(marked('The printers jam', 'print*'), 'The [printers] jam');
  assert.equal(marked('Coffee at the Café, cafe, CAFÉ', 'cafe'), 'Coffee at the [Café], [cafe], [CAFÉ]');
  assert.equal(marked('the third floor', '"third floor"'), 'the [third] [floor]');
  assert.equal(marked('日本語 のテキスト', '日本語'), '[日本語] のテキスト');
  assert.equal(marked('no words here', 'printer'), 'no words here');
  assert.equal(hasMarks(markWords('no words here', searchTerms('printer'))), false);
  assert.equal(marked('<b>printer</b> & "quotes"', 'printer'), '<b>[printer]</b> & "quotes"', 'markup is text like any other');
});

test('an excerpt around the first word found, cut at spaces, or nothing when the words are not there', () => {
  const long = `${'Lorem ipsum dolor sit amet. '.repeat(10)}The printer on the third floor jams. ${'Consectetur adipiscing elit. '.repeat(10)}`;
  const excerpt = excerptAround(long, searchTerms('printer'), 80) ?? '';
  assert.match(excerpt, /^…\S.* The printer on the third floor jams\. .*\S…$/);
  assert.ok(Array.from(excerpt).length <= 82);
  assert.equal(excerptAround('Short text\n with   the printer', searchTerms('printer')), 'Short text with the printer');
  assert.equal(excerptAround(long, searchTerms('scanner')), null);
  assert.equal(excerptAround(`😀 ${'x '.repeat(100)}printer`, searchTerms('printer'), 20)?.endsWith('printer'), true);
});
