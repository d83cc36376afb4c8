/** Liveness: the process is up and serving. Says nothing of the help desk. */
export function GET() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
}
