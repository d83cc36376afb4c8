/**
 * Lets a finished page render be collected. When React's server render (RSC) completes, it aborts
 * the render's cacheSignal with an Error, and an Error keeps the frames it was made in, unformatted,
 * until its stack is read: among them the Immediate that ran React's work. Node leaves an executed
 * Immediate linked to the ones queued after it (`_idleNext`), which belong to other requests' renders,
 * whose errors keep their Immediates, and so on: one long-lived object made during a request (a
 * kept-alive help desk socket keeps the request it was opened in) held every later render in a
 * chain, and a worker's heap grew with the traffic (README, "Memory after a 10-minute run": 1,264
 * finished requests held by one chain after a minute at 50 connections).
 *
 * Reading the error's stack formats it, and V8 then drops the frames it was kept as.
 */
import { cacheSignal } from 'react';

/** Once `signal` is aborted, its reason's stack is formatted, so the reason holds no frames. */
export function forgetStackOnAbort(signal: AbortSignal): void {
  if (signal.aborted) return void formatStack(signal.reason);
  signal.addEventListener('abort', () => formatStack(signal.reason), { once: true });
}

function formatStack(reason: unknown): void {
  if (reason instanceof Error) void reason.stack;
}

/** For the render running now (a server component calls it): its end leaves nothing chained to it. */
export function releaseRenderWhenDone(): void {
  const signal = cacheSignal();
  if (signal) forgetStackOnAbort(signal);
}
