import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFileOrigin, parseFileOrigins } from '../file-origins';

describe('HELPDESK_FILE_ORIGINS', () => {
  it('takes bare origins and *.domain wildcards; anything else is named', () => {
    assert.deepEqual(parseFileOrigins(undefined), { ok: true, origins: [] });
    const list = parseFileOrigins(' https://files.example.com , https://*.files.example.net,http://localhost:4080');
    assert.equal(list.ok, true);
    const bad = parseFileOrigins('files.example.com,https://x.example.com/path,https://u:p@x.example.com,https://*.com,ftp://x.example.com');
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.equal(bad.problems.length, 5);
  });

  it('matches scheme, host (or a subdomain of a wildcard) and port exactly', () => {
    const list = parseFileOrigins('https://files.example.com,https://*.cdn.example.net,http://localhost:4080');
    assert.ok(list.ok);
    const allowed = (url: string) => isFileOrigin(new URL(url), list.origins);
    assert.equal(allowed('https://files.example.com/a/b?c'), true);
    assert.equal(allowed('https://p1.cdn.example.net/x'), true);
    assert.equal(allowed('http://localhost:4080/_files/1'), true);
    assert.equal(allowed('http://files.example.com/a'), false, 'another scheme');
    assert.equal(allowed('https://files.example.com:8443/a'), false, 'another port');
    assert.equal(allowed('https://cdn.example.net/x'), false, 'the wildcard is for subdomains only');
    assert.equal(allowed('https://evilcdn.example.net/x'), false);
    assert.equal(allowed('https://files.example.com.evil.test/a'), false);
    assert.equal(allowed('http://localhost:4081/_files/1'), false);
  });
});
