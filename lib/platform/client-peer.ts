import type { IncomingMessage } from 'node:http';

/**
 * The TCP peer's address, as an internal request header the client cannot forge: `stampPeer`
 * runs on every request as the Node server receives it, before Next reads a header, and
 * overwrites whatever a client sent under that name. Next does not hand the socket to server
 * actions, and X-Forwarded-For is the client's own words unless a trusted proxy wrote it.
 */
export const PEER_HEADER = 'x-portico-peer';

export function stampPeer(request: Pick<IncomingMessage, 'headers' | 'rawHeaders' | 'socket'>): void {
  const address = request.socket?.remoteAddress ?? '';
  // A client's own copy goes from both views of the headers (rawHeaders is read by some of Next's paths).
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]!.toLowerCase() === PEER_HEADER) raw.splice(i, 2);
  if (address) {
    request.headers[PEER_HEADER] = address;
    raw.push(PEER_HEADER, address);
  } else {
    delete request.headers[PEER_HEADER];
  }
}
