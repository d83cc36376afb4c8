import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileHost, fileHostOrigin } from '../file-host';

describe('file host addresses', () => {
  it('are on the other name of the same server, unless SANDBOX_FILE_ORIGIN says where', () => {
    assert.equal(fileHostOrigin('http://127.0.0.1:4080', ''), 'http://localhost:4080');
    assert.equal(fileHostOrigin('http://localhost:4080', ''), 'http://127.0.0.1:4080');
    assert.equal(fileHostOrigin('http://127.0.0.1:4080', 'https://files.example.test/'), 'https://files.example.test');
  });

  it('name their file for a minute, then nothing; a signature from another sandbox is nothing', () => {
    let now = 1_000_000;
    const host = new FileHost(() => now);
    const address = new URL(host.address('http://127.0.0.1:4080', 42));
    const [, prefix, id = '', expires = '', signature = ''] = address.pathname.split('/');
    assert.equal(address.origin, 'http://localhost:4080');
    assert.equal(prefix, '_files');
    assert.equal(host.check(id, expires, signature), 42);
    assert.equal(new FileHost(() => now).check(id, expires, signature), null);
    now += 59_999;
    assert.equal(host.check(id, expires, signature), 42);
    now += 1;
    assert.equal(host.check(id, expires, signature), null);
  });
});
