import { requestLogger } from '@/lib/platform/log';
import { checkHelpdesk } from '@/lib/platform/readiness';

/**
 * Readiness: 200 when the help desk is reachable, 503 (with the reason) when it is not, so a load
 * balancer stops sending customers to an instance that could only show them an error. Liveness,
 * which says nothing of the help desk, is /healthz.
 */
export async function GET() {
  const readiness = await checkHelpdesk();
  const headers = { 'Cache-Control': 'no-store' };
  if (readiness.ready) return Response.json({ status: 'ready' }, { headers });
  (await requestLogger()).warn({ event: 'not_ready', reason: readiness.reason }, 'not ready: the help desk is unreachable');
  return Response.json({ status: 'unavailable', reason: readiness.reason }, { status: 503, headers });
}
