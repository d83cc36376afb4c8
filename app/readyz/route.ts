import { requestLogger } from '@/lib/platform/log';
import { checkHelpdesk } from '@/lib/platform/readiness';
import { workersStatus } from '@/lib/platform/workers';

/**
 * Readiness: 200 when the help desk is reachable, 503 (with the reason) when it is not, so a load
 * balancer stops sending customers to an instance that could only show them an error. Under
 * `npm start`'s workers, also 503 while fewer workers serve than it runs (one is starting, or one
 * died and its replacement is starting), whichever worker answers. Liveness, which says nothing
 * of the help desk, is /healthz.
 */
export async function GET() {
  const headers = { 'Cache-Control': 'no-store' };
  const [readiness, workers] = await Promise.all([checkHelpdesk(), workersStatus().catch(() => ({ serving: 0, wanted: 1 }))]);
  if (!readiness.ready) {
    (await requestLogger()).warn({ event: 'not_ready', reason: readiness.reason }, 'not ready: the help desk is unreachable');
    return Response.json({ status: 'unavailable', reason: readiness.reason }, { status: 503, headers });
  }
  if (workers && workers.serving < workers.wanted) {
    const reason = `${workers.serving} of ${workers.wanted} workers serving`;
    (await requestLogger()).warn({ event: 'not_ready', reason }, 'not ready: not every worker is serving');
    return Response.json({ status: 'unavailable', reason }, { status: 503, headers });
  }
  return Response.json({ status: 'ready' }, { headers });
}
