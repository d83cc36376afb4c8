import type { APIResponse } from '@playwright/test';
import { expect, LoginPage, NewRequestPage, RequestPage, test } from './fixtures';

// Every response carries the security headers (proxy.ts, lib/platform/security-headers.ts), and the pages
// still work under the strict CSP.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectSecurityHeaders(res: APIResponse) {
  const headers = res.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).toMatch(/frame-ancestors 'self'(;|$)/);
  expect(headers['x-frame-options']).toBeUndefined();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  expect(headers['x-request-id']).toMatch(UUID);
  expect(headers['x-powered-by']).toBeUndefined();
}

test('a page, a route handler, the 404 page and the sign-in redirect all carry the security headers', async ({ request }) => {
  const page = await request.get('/login');
  expect(page.status()).toBe(200);
  expectSecurityHeaders(page);

  const handler = await request.get('/healthz');
  expect(handler.status()).toBe(200);
  expectSecurityHeaders(handler);

  const missing = await request.get('/no-such-page');
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain('We can’t find that page');
  expectSecurityHeaders(missing);

  const redirect = await request.get('/requests', { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect);
});

test('each page gets its own nonce, and Next puts it on the page’s scripts', async ({ request }) => {
  const nonceOf = (res: APIResponse) => /'nonce-([^']+)'/.exec(res.headers()['content-security-policy'] ?? '')?.[1];
  const first = await request.get('/login');
  const second = await request.get('/login');
  const nonce = nonceOf(first);
  expect(nonce).toBeTruthy();
  expect(nonceOf(second)).not.toBe(nonce);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test('x-request-id: a sane one from the edge is kept, anything else replaced', async ({ request }) => {
  const sane = '0af7651916cd43dd8448eb211c80319c';
  expect((await request.get('/healthz', { headers: { 'x-request-id': sane } })).headers()['x-request-id']).toBe(sane);
  const insane = await request.get('/healthz', { headers: { 'x-request-id': '<script>alert(1)</script>' } });
  expect(insane.headers()['x-request-id']).toMatch(UUID);
  const a = (await request.get('/healthz')).headers()['x-request-id'];
  const b = (await request.get('/healthz')).headers()['x-request-id'];
  expect(a).not.toBe(b);
});

test('login, list, request and new-request pages work with JavaScript and break no CSP rule', async ({ page, requester }) => {
  // Seven page loads and three form posts, on a 2-core machine beside the other workers.
  test.slow();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
  });

  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(requester);
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();

  const create = new NewRequestPage(page);
  await page.getByRole('link', { name: 'New request' }).first().click();
  await expect(page.getByRole('heading', { name: 'New request' })).toBeVisible();
  const id = await create.create('Under a strict CSP', 'Scripts run only with the nonce');

  const request = new RequestPage(page);
  await request.sendReply('Replying under the CSP');
  await expect(request.messages()).toHaveCount(2);
  await request.goto(id);
  await page.goto('/requests');
  await expect(page.getByRole('link', { name: 'Under a strict CSP' })).toBeVisible();
  // Hydrated (a client-side navigation happens), so the scripts did run.
  await page.getByRole('link', { name: 'Solved' }).click();
  await expect(page).toHaveURL(/status=solved/);
  expect(violations).toEqual([]);
});
