import http from 'node:http';
import https from 'node:https';
import { stampPeer } from './lib/platform/client-peer';
import { ConfigError, getConfig } from './lib/platform/config';

/**
 * A wrong or missing setting stops start-up here, with a message naming the variable, instead of
 * failing on the first customer's page.
 */
try {
  const config = getConfig();
  console.log(`[portico] Help desk: ${config.helpdeskUrl}; sign-in mode: ${config.signInMode}.`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

/**
 * Every request the Node server receives gets the peer's address in an internal header
 * (lib/platform/client-peer.ts). `next start` creates its server before this runs, but a server emits
 * 'request' through the prototype's emit, so wrapping that covers it, and runs before Next's own
 * listener reads any header. Next runs this during prepare, before it handles any request.
 */
type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit; __porticoPeer?: true }[]) {
  if (proto.__porticoPeer) continue;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event, ...args) {
    if (event === 'request' && args[0] instanceof http.IncomingMessage) stampPeer(args[0]);
    return emit.call(this, event, ...args);
  };
  proto.__porticoPeer = true;
}
