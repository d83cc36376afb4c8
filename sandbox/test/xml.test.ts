// The XML module on its own: what it accepts, what it refuses, and that text
// survives a trip through the serializer and back unchanged.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { el, errorsXml, escapeText, parseXml, toXml, XmlSyntaxError } from '../xml';

const NASTY = '  a & b < c > d ]]> e " f \' g &amp; &#233; 😀 日本語 עברית Ελληνικά\n\tline two \r\n  ';

describe('parseXml', () => {
  it('reads elements, attributes and nil', () => {
    const root = parseXml('<?xml version="1.0"?>\n<ticket>\n  <subject>Hi</subject>\n  <organization-id nil="true"></organization-id>\n  <list type="array"><item>1</item><item>2</item></list>\n</ticket>');
    assert.equal(root.name, 'ticket');
    assert.deepEqual(root.children.map((c) => c.name), ['subject', 'organization-id', 'list']);
    assert.equal(root.children[0]?.text, 'Hi');
    assert.equal(root.children[1]?.nil, true);
    assert.equal(root.children[2]?.attrs['type'], 'array');
    assert.deepEqual(root.children[2]?.children.map((c) => c.text), ['1', '2']);
  });

  it('keeps values as strings and keeps their whitespace', () => {
    const root = parseXml('<t><a>007</a><b>  spaced \n out  </b><c/></t>');
    assert.equal(root.children[0]?.text, '007');
    assert.equal(root.children[1]?.text, '  spaced \n out  ');
    assert.equal(root.children[2]?.text, '');
  });

  it('decodes the five entities and numeric references, CDATA stays literal', () => {
    const root = parseXml('<t><a>&amp;&lt;&gt;&quot;&apos; &#233;&#x1F600; &amp;#233;</a><b><![CDATA[&amp; <x> ]]]]><![CDATA[>]]></b></t>');
    assert.equal(root.children[0]?.text, '&<>"\' é😀 &#233;');
    assert.equal(root.children[1]?.text, '&amp; <x> ]]>');
  });

  it('normalizes raw line ends as XML does, but keeps an escaped carriage return', () => {
    assert.equal(parseXml('<t>a\r\nb\rc&#13;</t>').text, 'a\nb\nc\r');
  });

  for (const [what, body] of [
    ['an empty body', ''],
    ['whitespace', '  \n'],
    ['plain text', 'hello'],
    ['an unclosed element', '<ticket><description>x</ticket>'],
    ['two roots', '<a/><b/>'],
    ['a bare ampersand', '<t>a & b</t>'],
    ['an HTML entity', '<t>&nbsp;</t>'],
    ['a DOCTYPE', '<!DOCTYPE t [<!ENTITY x "y">]><t>&x;</t>'],
    ['an ENTITY declaration alone', '<!ENTITY x "y"><t/>'],
    ['mixed text and elements', '<t>text<a/></t>'],
    ['a forbidden control character', '<t>a\u0001b</t>'],
    ['a reference to a forbidden character', '<t>&#1;</t>'],
    ['a prototype-polluting element name', '<t><__proto__>1</__proto__><constructor>1</constructor></t>'],
    ['very deep nesting', `${'<a>'.repeat(200)}${'</a>'.repeat(200)}`],
  ] as const) {
    it(`refuses ${what}`, () => assert.throws(() => parseXml(body), XmlSyntaxError));
  }
});

describe('toXml', () => {
  it('prints the seed shapes: nil, empty text, arrays with attributes', () => {
    const out = toXml(el('ticket', [el('subject', ''), el('organization-id', null), el('comments', [], { type: 'array' }), el('n', 5), el('b', true)]));
    assert.equal(
      out,
      '<?xml version="1.0" encoding="UTF-8"?>\n<ticket>\n  <subject></subject>\n  <organization-id nil="true"></organization-id>\n  <comments type="array"></comments>\n  <n>5</n>\n  <b>true</b>\n</ticket>\n',
    );
  });

  it('escapes so that ]]> and raw markup never appear', () => {
    assert.equal(escapeText('a]]>b<c&d'), 'a]]&gt;b&lt;c&amp;d');
    const out = toXml(el('v', NASTY));
    assert.ok(!out.includes(']]>'));
    assert.equal(XMLValidator.validate(out), true);
  });

  it('round-trips any text exactly', () => {
    const samples = [NASTY, '', ' ', '\n', 'x'.repeat(70_000), '<b>not markup</b>', '&lt; stays literal', 'tab\there'];
    // Carriage returns included: the printer escapes them, so they survive too.
    for (const s of samples) assert.equal(parseXml(toXml(el('v', s))).text, s);
  });

  it('errorsXml has the seed error shape', () => {
    const root = parseXml(errorsXml(['one & two']));
    assert.equal(root.name, 'errors');
    assert.deepEqual(root.children.map((c) => [c.name, c.text]), [['error', 'one & two']]);
  });
});
