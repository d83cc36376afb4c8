import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PEER_HEADER, stampPeer } from '../client-peer';

const request = (headers: Record<string, string>, rawHeaders: string[], remoteAddress?: string) =>
  ({ headers, rawHeaders, socket: { remoteAddress } }) as unknown as Parameters<typeof stampPeer>[0];

test('the peer header carries the socket’s address, and a copy the client sent is overwritten in both views', () => {
  const forged = request({ [PEER_HEADER]: '1.2.3.4', host: 'x' }, ['Host', 'x', 'X-Portico-Peer', '1.2.3.4', 'x-portico-peer', '5.6.7.8'], '198.51.100.7');
  stampPeer(forged);
  assert.equal(forged.headers[PEER_HEADER], '198.51.100.7');
  assert.deepEqual(forged.rawHeaders, ['Host', 'x', PEER_HEADER, '198.51.100.7']);
});

test('with no socket address (already closed) the client’s copy is removed, not kept', () => {
  const forged = request({ [PEER_HEADER]: '1.2.3.4' }, ['x-portico-peer', '1.2.3.4']);
  stampPeer(forged);
  assert.equal(forged.headers[PEER_HEADER], undefined);
  assert.deepEqual(forged.rawHeaders, []);
});
