import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkFile,
  cleanContentType,
  cleanFileName,
  DEFAULT_BLOCKED_EXTENSIONS,
  extensionOf,
  parseBlockedExtensions,
  pastedFileName,
  sizeInUnits,
  type AttachmentRules,
} from '../rules';

const rules: AttachmentRules = { maxBytes: 20 * 1024 * 1024, maxFiles: 10, blockedExtensions: DEFAULT_BLOCKED_EXTENSIONS };

test('a file within the rules passes', () => {
  assert.equal(checkFile(rules, { name: 'invoice.pdf', size: 12_345 }), null);
  assert.equal(checkFile(rules, { name: 'photo.PNG', size: rules.maxBytes }), null, 'exactly the limit is allowed');
  assert.equal(checkFile(rules, { name: 'README', size: 10 }), null, 'no extension at all');
  assert.equal(checkFile(rules, { name: 'report.exe.txt', size: 10 }), null, 'the last extension counts');
});

test('too large, blocked, empty and too many are told apart, most actionable first', () => {
  assert.deepEqual(checkFile(rules, { name: 'big.zip', size: rules.maxBytes + 1 }), { code: 'too_large', maxBytes: rules.maxBytes });
  assert.deepEqual(checkFile(rules, { name: 'setup.exe', size: 10 }), { code: 'blocked_type', extension: 'exe' });
  assert.deepEqual(checkFile(rules, { name: 'SETUP.EXE', size: 10 }), { code: 'blocked_type', extension: 'exe' });
  assert.deepEqual(checkFile(rules, { name: 'huge.exe', size: rules.maxBytes * 2 }), { code: 'blocked_type', extension: 'exe' });
  assert.deepEqual(checkFile(rules, { name: 'nothing.txt', size: 0 }), { code: 'empty' });
  assert.deepEqual(checkFile(rules, { name: 'eleventh.txt', size: 5 }, 10), { code: 'too_many', maxFiles: 10 });
  assert.equal(checkFile(rules, { name: 'tenth.txt', size: 5 }, 9), null);
});

test('tricks that Windows would still run as a program are refused', () => {
  for (const name of ['run.exe.', 'run.exe ', 'run.exe. . ', '.exe', 'script.Ps1', 'x.bat', 'y.js', 'z.sh']) {
    assert.equal(checkFile(rules, { name, size: 1 })?.code, 'blocked_type', name);
  }
  assert.equal(extensionOf('archive.tar.gz'), 'gz');
  assert.equal(extensionOf('noextension'), '');
});

test('ATTACHMENT_BLOCKED_EXTENSIONS replaces the list, with or without dots; none allows every type', () => {
  assert.deepEqual(parseBlockedExtensions(undefined), { ok: true, extensions: [...DEFAULT_BLOCKED_EXTENSIONS] });
  assert.deepEqual(parseBlockedExtensions(''), { ok: true, extensions: [...DEFAULT_BLOCKED_EXTENSIONS] });
  assert.deepEqual(parseBlockedExtensions('.EXE, zip ,.iso,exe'), { ok: true, extensions: ['exe', 'zip', 'iso'] });
  assert.deepEqual(parseBlockedExtensions('none'), { ok: true, extensions: [] });
  const bad = parseBlockedExtensions('exe, *.bat');
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.problem, /"\*\.bat"/);
});

test('file names lose paths, control characters and quotes, keep their extension when shortened, and are never empty', () => {
  assert.equal(cleanFileName('C:\\fakepath\\report.pdf'), 'report.pdf');
  assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
  assert.equal(cleanFileName('a\u0000b\r\n"c".txt'), 'abc.txt');
  assert.equal(cleanFileName('   '), 'file');
  assert.equal(cleanFileName('..'), 'file');
  const long = cleanFileName(`${'ü'.repeat(300)}.log`);
  assert.equal(long.length, 200);
  assert.ok(long.endsWith('.log'));
  assert.equal(cleanFileName(`${'😀'.repeat(150)}.txt`).endsWith('.txt'), true);
  assert.doesNotMatch(cleanFileName(`${'😀'.repeat(150)}.txt`), /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, 'no half emoji');
});

test('content types are normalised; nonsense becomes octet-stream', () => {
  assert.equal(cleanContentType('Image/PNG; charset=binary'), 'image/png');
  assert.equal(cleanContentType(''), 'application/octet-stream');
  assert.equal(cleanContentType(null), 'application/octet-stream');
  assert.equal(cleanContentType('text/html<script>'), 'application/octet-stream');
});

test('a pasted screenshot is named after the moment it was pasted; a named file keeps its name', () => {
  const at = new Date(2026, 10, 30, 14, 22, 33);
  assert.equal(pastedFileName('image.png', 'image/png', at), 'screenshot-2026-11-30-142233.png');
  assert.equal(pastedFileName('', 'image/jpeg', at), 'screenshot-2026-11-30-142233.jpg');
  assert.equal(pastedFileName('holiday.jpg', 'image/jpeg', at), 'holiday.jpg');
});

test('sizes are given in the unit people read', () => {
  assert.deepEqual(sizeInUnits(512), { value: 512, unit: 'byte' });
  assert.deepEqual(sizeInUnits(1536), { value: 1.5, unit: 'kilobyte' });
  assert.deepEqual(sizeInUnits(20 * 1024 * 1024), { value: 20, unit: 'megabyte' });
});
