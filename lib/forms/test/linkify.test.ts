import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkify } from '../linkify';

const links = (body: string) => linkify(body).filter((p) => p.kind === 'link').map((p) => (p.kind === 'link' ? p.href : ''));
const text = (body: string) => linkify(body).map((p) => p.text).join('');

test('http and https addresses become links; the text around them stays text', () => {
  assert.deepEqual(linkify('See https://status.example.com/incidents/42 for details'), [
    { kind: 'text', text: 'See ' },
    { kind: 'link', text: 'https://status.example.com/incidents/42', href: 'https://status.example.com/incidents/42' },
    { kind: 'text', text: ' for details' },
  ]);
  assert.deepEqual(links('a http://a.example b HTTPS://B.example/x?y=1#z c'), ['http://a.example/', 'https://b.example/x?y=1#z']);
});

test('no other scheme ever becomes a link', () => {
  for (const body of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://files.example.com/x',
    'mailto:someone@example.com',
    '//evil.example/path',
    'www.example.com',
    'xhttp://glued.example',
    'https://',
    'http:// spaced.example',
  ]) {
    assert.deepEqual(links(body), [], body);
    assert.equal(text(body), body, 'the text is kept as is');
  }
});

test('a javascript: address hidden after an http one cannot ride along', () => {
  assert.deepEqual(links('https://ok.example/"onmouseover="alert(1)'), ['https://ok.example/']);
  assert.deepEqual(links('https://ok.example/<script>alert(1)</script>'), ['https://ok.example/']);
  assert.deepEqual(links('javascript:https://evil.example'), ['https://evil.example/']);
});

test('sentence punctuation after an address is not part of it; balanced parentheses are', () => {
  assert.deepEqual(links('Go to https://a.example/page.'), ['https://a.example/page']);
  assert.deepEqual(links('(see https://a.example/x)'), ['https://a.example/x']);
  assert.deepEqual(links('https://en.wikipedia.org/wiki/Printer_(computing), ok?'), ['https://en.wikipedia.org/wiki/Printer_(computing)']);
  assert.deepEqual(links('Really? https://a.example/?q=1!'), ['https://a.example/?q=1']);
});

test('the text is reproduced exactly, links included, and an empty body is empty', () => {
  const body = '  line one https://a.example/x\nline two\t<b>bold</b> & ]]> 😀  ';
  assert.equal(text(body), body);
  assert.deepEqual(linkify(''), []);
});

test('absurdly long addresses stay text', () => {
  const long = `https://a.example/${'x'.repeat(3000)}`;
  assert.deepEqual(links(long), []);
  assert.equal(text(long), long);
});
