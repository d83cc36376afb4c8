import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentDisposition, downloadHeaders } from '../download-headers';

test('a plain image is shown inline with its own type', () => {
  for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) {
    const headers = downloadHeaders({ fileName: 'shot.png', contentType: type });
    assert.equal(headers.get('content-type'), type);
    assert.match(headers.get('content-disposition') ?? '', /^inline; /);
  }
});

test('HTML, SVG, PDF and everything else are downloaded, as octet-stream, never rendered', () => {
  for (const type of ['text/html', 'image/svg+xml', 'application/pdf', 'application/xhtml+xml', 'text/plain', 'application/octet-stream']) {
    const headers = downloadHeaders({ fileName: 'file', contentType: type });
    assert.match(headers.get('content-disposition') ?? '', /^attachment; /, type);
    assert.equal(headers.get('content-type'), 'application/octet-stream', type);
  }
});

test('every file is sandboxed, not sniffed, not for other sites, and private', () => {
  const headers = downloadHeaders({ fileName: 'shot.png', contentType: 'image/png' });
  assert.equal(headers.get('x-content-type-options'), 'nosniff');
  assert.equal(headers.get('content-security-policy'), "default-src 'none'; sandbox");
  assert.equal(headers.get('cross-origin-resource-policy'), 'same-origin');
  assert.match(headers.get('cache-control') ?? '', /^private/);
});

test('file names: an ASCII fallback and the exact name in filename*', () => {
  assert.equal(contentDisposition('attachment', 'report.pdf'), `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  assert.equal(
    contentDisposition('attachment', 'Rechnung März "final".pdf'),
    `attachment; filename="Rechnung M_rz _final_.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%22final%22.pdf`,
  );
  assert.equal(contentDisposition('attachment', "it's (1).txt"), `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`);
  assert.doesNotMatch(contentDisposition('attachment', 'a\r\nSet-Cookie: x=1'), /[\r\n]/, 'no header injection');
  assert.equal(contentDisposition('inline', '日本.png'), `inline; filename="__.png"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.png`);
});
