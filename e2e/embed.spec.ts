import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { expectFrameFitsContent, FRAME_TITLE, hostUrl, portalFrame, portalFrameHandle, signInInFrame } from './embed-host';
import { EMBED_HOST_URL, EMBED_PORTAL_URL, FOREIGN_HOST_URL, PORTAL_URL } from './ports';
import { EMBEDDED_SESSION_COOKIE_NAME, SESSION_COOKIE_NAME } from '../lib/session/cookie';

// The portal embedded in a company's page: the page is on 127.0.0.1, the portal on localhost
// (another site), as on a real company's support site.

test('a customer signs in, lists, creates and replies, all inside the frame, which fits its content', async ({ page, requester }) => {
  // A dozen page loads inside a frame, on a 2-core machine beside the other workers.
  test.slow();
  await page.goto(hostUrl());
  const frame = portalFrame(page);
  await expect(frame.getByRole('heading', { name: 'Log in' })).toBeVisible();
  // The embed chrome: no portal header (the host has its own), a way out in small print.
  await expect(frame.getByRole('link', { name: 'Support', exact: true })).toHaveCount(0);
  await expect(frame.getByText('Trouble signing in here?')).toBeVisible();
  const loginHeight = await expectFrameFitsContent(page);

  await signInInFrame(frame, requester);
  await expect(frame.getByText('You have no open requests')).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Log out' })).toBeVisible();

  await frame.getByRole('main').getByRole('link', { name: 'New request', exact: true }).click();
  await frame.getByLabel('Subject').fill('Framed request');
  await frame.getByLabel('Description').fill('Filed from inside the company’s page');
  await frame.getByRole('button', { name: 'Submit request' }).click();
  await expect(frame.getByRole('status').filter({ hasText: /Request #\d+ was submitted/ })).toBeVisible();

  await frame.getByLabel('Reply', { exact: true }).fill('A reply from inside the frame');
  await frame.getByRole('button', { name: 'Send reply' }).click();
  const messages = frame.getByRole('list', { name: 'Conversation' }).getByRole('listitem');
  await expect(messages).toHaveCount(2);
  await expect(messages.nth(1)).toContainText('A reply from inside the frame');
  const requestHeight = await expectFrameFitsContent(page);
  expect(requestHeight).not.toBe(loginHeight);

  await frame.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My requests' }).click();
  await expect(frame.getByRole('link', { name: 'Framed request' })).toBeVisible();
  await expectFrameFitsContent(page);

  // All of it happened inside the frame: the company's page never went anywhere.
  expect(page.url()).toBe(hostUrl());
  await expect(page.getByRole('heading', { name: 'Acme Co. · Help centre' })).toBeVisible();

  await frame.getByRole('button', { name: 'Log out' }).click();
  await expect(frame.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(frame.getByText('You have logged out.')).toBeVisible();
});

test('inside the frame the session cookie is __Host-, SameSite=None, Secure, Partitioned', async ({ page, context, requester }) => {
  await page.goto(hostUrl());
  const frame = portalFrame(page);
  const signIn = page.waitForResponse((r) => r.url().startsWith(EMBED_PORTAL_URL) && r.request().method() === 'POST');
  await frame.getByLabel('Email').fill(requester.email);
  await frame.getByLabel('Password').fill(requester.password);
  await frame.getByRole('button', { name: 'Log in' }).click();
  const setCookie = (await (await signIn).headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
  const session = setCookie.find((value) => value.startsWith(`${EMBEDDED_SESSION_COOKIE_NAME}=`));
  expect(session, setCookie.join('\n')).toBeDefined();
  expect(session).toMatch(/;\s*SameSite=None/i);
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*Partitioned/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*Path=\//i);
  expect(session).not.toMatch(/;\s*Domain=/i);
  await expect(frame.getByRole('heading', { name: 'My requests' })).toBeVisible();

  // And the browser kept it, partitioned under the company's site.
  const kept = (await context.cookies(EMBED_PORTAL_URL)).find((c) => c.name === EMBEDDED_SESSION_COOKIE_NAME);
  expect(kept).toMatchObject({ sameSite: 'None', secure: true, httpOnly: true });
  if (kept && 'partitionKey' in kept) expect(kept.partitionKey).toBe(new URL(EMBED_HOST_URL).origin.replace(/:\d+$/, ''));
});

test('the host’s theme, brand colour and font reach the page inside the frame', async ({ page }) => {
  await page.goto(hostUrl({ theme: 'dark', brand: '#aa3300', font: 'Georgia' }));
  const frame = portalFrame(page);
  await expect(frame.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(frame.getByRole('button', { name: 'Log in' })).toHaveCSS('background-color', 'rgb(170, 51, 0)');
  await expect(frame.locator('body')).toHaveCSS('font-family', /^"?Georgia"?,/);
  await expect(frame.locator('body')).toHaveCSS('background-color', 'rgb(15, 17, 21)');
});

test('a page from an origin not in EMBED_ORIGINS cannot frame the portal', async ({ page }) => {
  await page.route(`${FOREIGN_HOST_URL}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Elsewhere</title><h1>Not allowed</h1><iframe title="${FRAME_TITLE}" src="${EMBED_PORTAL_URL}/login?embed=1"></iframe>`,
    }),
  );
  await page.goto(`${FOREIGN_HOST_URL}/`);
  // The browser refused to show it: the frame holds Chromium's error page, not the portal.
  const frame = await portalFrameHandle(page);
  await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
  await expect(portalFrame(page).getByRole('heading', { name: 'Log in' })).toHaveCount(0);

  // Because the portal said who may frame it, and this page is not among them.
  const csp = (await page.request.get(`${EMBED_PORTAL_URL}/login?embed=1`)).headers()['content-security-policy'] ?? '';
  expect(csp).toContain(`frame-ancestors 'self' ${EMBED_HOST_URL}`);
  expect(csp).not.toContain(FOREIGN_HOST_URL);
});

test('the portal without EMBED_ORIGINS lets no other site frame it and keeps its SameSite=Lax cookie', async ({ page, requester }) => {
  test.slow();
  // Even the host page that may frame the embeddable portal may not frame this one.
  await page.route(`${EMBED_HOST_URL}/default-portal`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>Host</title><iframe title="${FRAME_TITLE}" src="${PORTAL_URL}/login"></iframe>` }),
  );
  await page.goto(`${EMBED_HOST_URL}/default-portal`);
  const frame = await portalFrameHandle(page);
  await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
  const headers = (await page.request.get(`${PORTAL_URL}/login`)).headers();
  expect(headers['content-security-policy']).toMatch(/frame-ancestors 'self'(;|$)/);
  expect(headers['x-frame-options']).toBeUndefined();

  // Top-level, it signs in as it always did, with the plain Lax cookie.
  await page.goto(`${PORTAL_URL}/login`);
  const signIn = page.waitForResponse((r) => r.url().startsWith(PORTAL_URL) && r.request().method() === 'POST');
  await page.getByLabel('Email').fill(requester.email);
  await page.getByLabel('Password').fill(requester.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const setCookie = (await (await signIn).headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
  const session = setCookie.find((value) => value.startsWith(`${SESSION_COOKIE_NAME}=`));
  expect(session, setCookie.join('\n')).toBeDefined();
  expect(session).toMatch(/;\s*SameSite=Lax/i);
  expect(session).not.toMatch(/Partitioned/i);
  expect(session).not.toMatch(/SameSite=None/i);
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Support', exact: true })).toBeVisible();
});

test('the host page ignores height messages that do not come from the portal’s frame', async ({ page }) => {
  await page.goto(hostUrl());
  await expect(portalFrame(page).getByRole('heading', { name: 'Log in' })).toBeVisible();
  const fitted = await expectFrameFitsContent(page);
  // A message from the host's own origin (say, another script on the page) claiming to be the portal.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        window.addEventListener('message', (event) => event.data === 'done' && resolve());
        window.postMessage({ type: 'portico:height', height: 5000 }, '*');
        window.postMessage('done', '*');
      }),
  );
  const box = await page.locator(`iframe[title="${FRAME_TITLE}"]`).boundingBox();
  expect(box?.height).toBe(fitted);
});

test('links to other sites open in a new tab, not inside the frame', async ({ page, context, requester }) => {
  await page.goto(hostUrl());
  const frame = portalFrame(page);
  await signInInFrame(frame, requester);
  const inside = await portalFrameHandle(page);
  await inside.evaluate((href) => {
    const link = document.createElement('a');
    link.href = href;
    link.textContent = 'Acme’s help articles';
    document.querySelector('main')?.append(link);
  }, `${EMBED_HOST_URL}/?from=portal`);
  const popup = context.waitForEvent('page');
  await frame.getByRole('link', { name: 'Acme’s help articles' }).click();
  expect((await popup).url()).toBe(`${EMBED_HOST_URL}/?from=portal`);
  expect(inside.url()).toMatch(new RegExp(`^${EMBED_PORTAL_URL}/requests`));
});

test('where the browser refuses cookies in the frame, it offers storage access and a new tab instead of a login loop', async ({ page, context }) => {
  test.slow();
  // Play a browser that keeps no cookie in a cross-site frame and refuses storage access.
  await page.addInitScript((portal) => {
    if (window.top === window || location.origin !== portal) return;
    Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get: () => '', set: () => {} });
    const asked = { count: 0 };
    Object.defineProperty(window, '__storageAccessAsked', { get: () => asked.count });
    Document.prototype.requestStorageAccess = () => {
      asked.count += 1;
      return Promise.reject(new DOMException('Refused', 'NotAllowedError'));
    };
  }, EMBED_PORTAL_URL);
  await page.goto(hostUrl({ path: '/requests/new' }));
  const frame = portalFrame(page);
  await expect(frame.getByText('Your browser is blocking sign-in inside this page.')).toBeVisible();
  await frame.getByRole('button', { name: 'Allow sign-in here' }).click();
  await expect(frame.getByText('The browser did not allow it.')).toBeVisible();
  expect(await (await portalFrameHandle(page)).evaluate(() => (window as unknown as { __storageAccessAsked: number }).__storageAccessAsked)).toBe(1);

  const newTab = frame.getByRole('link', { name: 'Open the support portal in a new tab' });
  await expect(newTab).toHaveAttribute('target', '_blank');
  const popup = context.waitForEvent('page');
  await newTab.click();
  const opened = await popup;
  await opened.waitForLoadState();
  // The same sign-in page, top-level: no embed parameters, the portal's own header.
  expect(opened.url()).toBe(`${EMBED_PORTAL_URL}/login?next=${encodeURIComponent('/requests/new')}`);
  await expect(opened.getByRole('link', { name: 'Support', exact: true })).toBeVisible();
  await expect(opened.getByRole('heading', { name: 'Log in' })).toBeVisible();
});

test('the embed chrome, signed out and signed in, has no serious accessibility problems', async ({ page, requester }) => {
  test.slow();
  // The portal is in embed mode only inside a real frame (Sec-Fetch-Dest), so this checks the frame
  // in the company's page. axe runs inside the frame itself: AxeBuilder, reaching into a cross-site
  // frame from the page, gives up when the machine is busy.
  const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
  const serious = async () => {
    const frame = await portalFrameHandle(page);
    await frame.evaluate(axeSource);
    const violations = await frame.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; impact?: string | null }[] }> } }).axe;
      const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return results.violations.map(({ id, help, impact }) => ({ id, help, impact }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
  };
  await page.goto(hostUrl({ path: '/requests', brand: '#0a7c53' }));
  const frame = portalFrame(page);
  await expect(frame.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(frame.getByText('Trouble signing in here?')).toBeVisible();
  expect(await serious(), 'sign-in page, embedded').toEqual([]);
  await frame.getByLabel('Email').fill(requester.email);
  await frame.getByLabel('Password').fill(requester.password);
  await frame.getByRole('button', { name: 'Log in' }).click();
  await expect(frame.getByRole('heading', { name: 'My requests' })).toBeVisible();
  await expect(frame.getByRole('link', { name: 'Support', exact: true })).toHaveCount(0);
  expect(await serious(), 'list, embedded').toEqual([]);
});

test('?embed=1 on an ordinary, top-level link changes nothing: the portal keeps its header and remembers no embedding', async ({ page, context }) => {
  const answer = page.waitForResponse((r) => r.url().startsWith(`${EMBED_PORTAL_URL}/login`));
  await page.goto(`${EMBED_PORTAL_URL}/login?embed=1&theme=dark&brand=%23ff0000&host=${encodeURIComponent(EMBED_HOST_URL)}`);
  const setCookie = (await (await answer).headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
  expect(setCookie.filter((c) => c.startsWith('__Host-portico_embed=') && !/Max-Age=0/i.test(c))).toEqual([]);
  await expect(page.getByRole('link', { name: 'Support', exact: true })).toBeVisible();
  await expect(page.getByText('Trouble signing in here?')).toHaveCount(0);
  expect(await page.locator('html').getAttribute('data-embed')).toBeNull();
  expect(await page.locator('html').getAttribute('data-theme')).not.toBe('dark');
  expect((await context.cookies(EMBED_PORTAL_URL)).map((c) => c.name)).not.toContain('__Host-portico_embed');

  // And the next ordinary visit is ordinary too.
  await page.goto(`${EMBED_PORTAL_URL}/login`);
  await expect(page.getByRole('link', { name: 'Support', exact: true })).toBeVisible();
});
