#!/usr/bin/env node
// A stand-in for a company's support site, on an origin of its own, that embeds the portal with
// public/embed.js. Used by `npm run embed-demo` and by the e2e tests. Never deploy it: it is a
// demo of what a company puts on its page.
//
//   EMBED_DEMO_PORT   4090                      where this page listens (on EMBED_DEMO_BIND)
//   EMBED_DEMO_BIND   127.0.0.1
//   PORTICO_URL       http://localhost:3000     the portal to embed (a different site)
//   SSO_SECRET        unset                     set: sign each visitor in as EMBED_DEMO_EMAIL
//   EMBED_DEMO_EMAIL  alice@example.com
//
// Query parameters choose the embed's attributes: ?path=/requests/new&theme=dark&brand=%230a7c53
// &font=Georgia, ?jwt=<token> passes a token through as is, ?sso=0 skips minting one.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { SignJWT } from 'jose';

const port = Number(process.env.EMBED_DEMO_PORT || 4090);
const bind = process.env.EMBED_DEMO_BIND || '127.0.0.1';
const portal = new URL(process.env.PORTICO_URL || 'http://localhost:3000').origin;
const ssoSecret = process.env.SSO_SECRET || '';
const demoEmail = process.env.EMBED_DEMO_EMAIL || 'alice@example.com';

const escapeHtml = (text) =>
  String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** What a company's server does for a customer signed in to its site: a short-lived, one-time token. */
async function ssoToken(email, returnTo) {
  return new SignJWT({ email, name: email.split('@')[0], return_to: returnTo })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(ssoSecret));
}

async function page(query) {
  const attributes = { 'data-path': query.get('path') || '/requests' };
  for (const name of ['theme', 'brand', 'font', 'locale', 'title', 'height', 'loading']) {
    if (query.get(name)) attributes[`data-${name}`] = query.get(name);
  }
  let who = 'Signing in happens inside the frame.';
  if (query.get('jwt')) {
    attributes['data-sso-token'] = query.get('jwt');
    who = 'Signed in with the token given in the URL.';
  } else if (ssoSecret && query.get('sso') !== '0') {
    attributes['data-sso-token'] = await ssoToken(demoEmail, attributes['data-path']);
    who = `Signed in here as ${demoEmail}: the portal inside signs you in with a token from this site.`;
  }
  const attributeText = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Co. · Help centre</title>
<style>
  body { margin: 0; font-family: Georgia, serif; background: #f3efe6; color: #2b2118; }
  header { background: #2b2118; color: #f3efe6; padding: 1rem 1.5rem; }
  header h1 { margin: 0; font-size: 1.25rem; }
  .page { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
  .support { background: #fff; border-radius: 12px; box-shadow: 0 1px 6px rgb(0 0 0 / 12%); overflow: hidden; }
  footer { color: #6b5d4f; font-size: 0.875rem; padding: 2rem 1.5rem; text-align: center; }
</style>
</head>
<body>
<header><h1>Acme Co. · Help centre</h1></header>
<div class="page">
<h2>Your support requests</h2>
<p>${escapeHtml(who)} The portal below comes from <code>${escapeHtml(portal)}</code>, another site.</p>
<div class="support">
<script src="${escapeHtml(portal)}/embed.js"${attributeText} async></script>
</div>
</div>
<footer>Acme Co. · a demo host page for Portico's embed script</footer>
</body>
</html>`;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url || '/', `http://${req.headers.host || 'localhost'}`);
  try {
    if (url.pathname === '/health') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(await page(url.searchParams));
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  } catch (error) {
    console.error(error);
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end('error');
  }
});

server.listen(port, bind, () => {
  console.log(`[embed-demo] A company's page embedding the portal: http://${bind}:${port}  (portal: ${portal})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
