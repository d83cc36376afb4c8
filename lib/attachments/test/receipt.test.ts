import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { sealData } from 'iron-session';
import { openUpload, sealUpload, UPLOAD_SEAL_TTL_SECONDS, type SealSecrets } from '../receipt';

const secrets: SealSecrets = { current: 'c'.repeat(32), previous: null };
const receipt = { token: 'tok-123', attachment: { id: '77', fileName: 'log.txt', contentType: 'text/plain', size: 42 } };
const file = { fileName: 'log.txt', size: 42, contentType: 'text/plain' };

test('a seal opens for its requester, with the token and the facts', async () => {
  const kept = await sealUpload(receipt, file, '1001', secrets);
  assert.deepEqual({ ...kept, seal: undefined }, { seal: undefined, fileName: 'log.txt', size: 42, contentType: 'text/plain' });
  assert.doesNotMatch(kept.seal, /tok-123/, 'the token is not readable in the seal');
  assert.deepEqual(await openUpload(kept.seal, '1001', secrets), { token: 'tok-123', kept });
});

test('another customer’s seal, a forged one, or a session cookie does not open', async () => {
  const kept = await sealUpload(receipt, file, '1001', secrets);
  assert.equal(await openUpload(kept.seal, '1002', secrets), null);
  assert.equal(await openUpload(`${kept.seal.slice(0, -12)}AAAAAAAAAA~2`, '1001', secrets), null);
  assert.equal(await openUpload('not a seal', '1001', secrets), null);
  assert.equal(await openUpload(kept.seal, '1001', { current: 'x'.repeat(32), previous: null }), null, 'another secret');
  const cookie = await sealData({ requester: { id: '1001', name: 'A', email: 'a@example.com' }, token: 'tok' }, { password: secrets.current });
  assert.equal(await openUpload(cookie, '1001', secrets), null, 'same secret, but not an upload');
});

test('a seal made with the previous secret still opens during a rotation', async () => {
  const old = await sealUpload(receipt, file, '1001', { current: 'p'.repeat(32), previous: null });
  assert.equal(await openUpload(old.seal, '1001', secrets), null);
  assert.equal((await openUpload(old.seal, '1001', { current: secrets.current, previous: 'p'.repeat(32) }))?.token, 'tok-123');
});

test('a seal expires with the help desk’s upload token', async (t) => {
  mock.timers.enable({ apis: ['Date'], now: Date.now() });
  t.after(() => mock.timers.reset());
  const kept = await sealUpload(receipt, file, '1001', secrets);
  mock.timers.tick((UPLOAD_SEAL_TTL_SECONDS - 60) * 1000);
  assert.ok(await openUpload(kept.seal, '1001', secrets), 'still good just before');
  // iron allows a minute of clock skew past the expiry.
  mock.timers.tick(3 * 60 * 1000);
  assert.equal(await openUpload(kept.seal, '1001', secrets), null);
});

test('the help desk’s facts win over what was sent', async () => {
  const kept = await sealUpload({ token: 't', attachment: { id: '1', fileName: 'renamed.txt', contentType: 'text/plain', size: null } }, { fileName: 'orig.txt', size: 9, contentType: 'text/csv' }, '5', secrets);
  assert.deepEqual([kept.fileName, kept.size, kept.contentType], ['renamed.txt', 9, 'text/plain']);
});

test('peeking shows a genuine seal’s facts whoever it belongs to, never its token', async () => {
  const kept = await sealUpload(receipt, file, '1001', secrets);
  const { peekUpload } = await import('../receipt');
  assert.deepEqual(await peekUpload(kept.seal, secrets), kept);
  assert.equal(await peekUpload(kept.seal.replace(/\*[^*]+$/, '*forgedforgedforgedforged~2'), secrets), null);
  assert.equal(JSON.stringify(await peekUpload(kept.seal, secrets)).includes('tok-123'), false);
});
