import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Dialog } from '@playwright/test';
import { ssoToken } from './embed-host';
import { expect, sandbox, test } from './fixtures';
import { EMBED_PORTAL_URL, EXTRA_PORTAL_PORT_BASE, PORTAL_URL, SANDBOX_URL } from './ports';
import { countRequests, createEndUserNamed, hiddenFields, postForm, signInQuickly } from './resilience-helpers';
import { startPortal } from './servers';

// Hostile input: markup where text belongs, links that are not links, redirects off the portal,
// and form posts from another site.

const EVIL = 'http://evil.example';
/** A portal of this spec's own, for reading its log (beside the other specs' extra portals). */
const CROSS_SITE_PORTAL_PORT = EXTRA_PORTAL_PORT_BASE + 7;

test.describe('markup is shown as text, never run', () => {
  test('XSS in the user’s name, a subject, a description, an agent’s comment and a reply: shown as text, nothing runs', async ({ page }) => {
    test.setTimeout(60_000);
    const dialogs: Dialog[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog);
      void dialog.dismiss();
    });
    const name = `<img src=x onerror="window.pwned='name'">Mallory`;
    const user = await createEndUserNamed(name);
    const subject = `<script>window.pwned='subject'</script>Printer`;
    const description = `"><svg onload="window.pwned='description'"></svg><iframe src="javascript:alert(1)"></iframe>`;
    const id = await sandbox.createRequest(user, subject, description);
    await sandbox.agentComment(id, `<script>alert('agent')</script><a href="javascript:alert(2)">click me</a> <b onmouseover="alert(3)">bold</b>`, true);
    await signInQuickly(page.request, user);

    await page.goto('/requests');
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(name);
    await expect(page.getByRole('link', { name: subject })).toBeVisible();

    await page.goto(`/requests/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
    const messages = page.getByRole('list', { name: 'Conversation' }).getByRole('listitem');
    await expect(messages.nth(0)).toContainText(description);
    await expect(messages.nth(1)).toContainText(`<a href="javascript:alert(2)">click me</a>`);
    const reply = `<img src=x onerror="window.pwned='reply'"><script>window.pwned='reply2'</script>`;
    await page.getByLabel('Reply', { exact: true }).fill(reply);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect(messages.nth(2)).toContainText(reply);

    // None of it became markup: no injected element exists, no script ran, no dialog opened.
    await expect(page.locator('main img, header img, main svg, main iframe, main script, main b, a[href^="javascript:"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
    expect(dialogs).toHaveLength(0);
  });

  test('http(s) addresses in comments become links that keep the portal private; other schemes stay text', async ({ page, requester }) => {
    const id = await sandbox.createRequest(requester, 'Links', 'See https://status.example.com/incident?id=7&x=1, please.');
    await sandbox.agentComment(id, 'Try http://kb.example.org/printers (section 2) or javascript:alert(1) or data:text/html,<b>x</b> or //evil.example', true);
    await signInQuickly(page.request, requester);
    await page.goto(`/requests/${id}`);
    const conversation = page.getByRole('list', { name: 'Conversation' });
    const links = conversation.getByRole('link');
    await expect(links).toHaveCount(2);
    await expect(links.nth(0)).toHaveAttribute('href', 'https://status.example.com/incident?id=7&x=1');
    await expect(links.nth(1)).toHaveAttribute('href', 'http://kb.example.org/printers');
    for (const link of await links.all()) {
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
      await expect(link).toHaveAttribute('target', '_blank');
    }
    await expect(conversation).toContainText('javascript:alert(1) or data:text/html,<b>x</b> or //evil.example');
  });
});

test.describe('redirects stay on the portal', () => {
  const ATTEMPTS = [
    '//evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'http:evil.example',
    'https:/evil.example',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    ' //evil.example',
    '/\t/evil.example',
    '//evil.example@localhost/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/login?next=//evil.example',
    // Harmless until the dot segments are resolved, then `//evil.example` (issue 9).
    '/..//evil.example',
    '/requests/..//evil.example',
    '/%2e%2e//evil.example',
  ];

  test('?next= after signing in, even posted straight to the action, never leaves the portal', async ({ playwright, requester }) => {
    test.setTimeout(90_000);
    for (const next of ATTEMPTS) {
      const api = await playwright.request.newContext({ baseURL: PORTAL_URL });
      // What the page puts in its form, and a hand-made post that skips the page's own check.
      const hidden = hiddenFields(await (await api.get(`/login?next=${encodeURIComponent(next)}`)).text(), 'email');
      expect(new URL(hidden['next'] ?? '', PORTAL_URL).origin, `rendered next for ${next}`).toBe(PORTAL_URL);
      const answer = await postForm(api, '/login', { ...hidden, next, email: requester.email, password: requester.password }, { Origin: PORTAL_URL });
      expect(answer.status(), next).toBe(303);
      const location = answer.headers()['location'] ?? '';
      expect(location, next).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, PORTAL_URL).origin, next).toBe(PORTAL_URL);
      // Signed in already, the sign-in page sends the visitor on at once: also only within the portal.
      const again = await api.get(`/login?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
      expect(again.status(), next).toBe(307);
      expect(again.headers()['location'] ?? '', next).toMatch(/^\/(?![/\\])/);
      await api.dispose();
    }
  });

  test('the single sign-on return_to, in the token or the link, never leaves the portal', async ({ playwright, requester }) => {
    const api = await playwright.request.newContext({ baseURL: EMBED_PORTAL_URL });
    for (const returnTo of ATTEMPTS) {
      for (const [where, jwt, query] of [
        ['in the token', await ssoToken({ email: requester.email, return_to: returnTo }), ''],
        ['in the link', await ssoToken({ email: requester.email }), `&return_to=${encodeURIComponent(returnTo)}`],
      ] as const) {
        const answer = await api.get(`/sso?jwt=${jwt}${query}`, { maxRedirects: 0 });
        expect(answer.status(), `${returnTo} ${where}`).toBe(303);
        const location = answer.headers()['location'] ?? '';
        expect(location, `${returnTo} ${where}`).toMatch(/^\/(?![/\\])/);
        expect(new URL(location, EMBED_PORTAL_URL).origin, `${returnTo} ${where}`).toBe(EMBED_PORTAL_URL);
      }
    }
    await api.dispose();
  });
});

/** Every route handler in app/ (route.ts files), as URL paths: today /healthz, /readyz and /sso. */
function routeHandlerPaths(dir = 'app', base = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      // Route groups `(x)` add no path segment; dynamic segments get a sample value.
      const segment = /^\(.*\)$/.test(entry) ? '' : `/${entry.replace(/^\[\.{0,3}(.+)\]$/, '1')}`;
      found.push(...routeHandlerPaths(full, base + segment));
    } else if (/^route\.(ts|js)$/.test(entry)) found.push(base || '/');
  }
  return found;
}

test.describe('a POST from another site changes nothing', () => {
  test('to a server action: sign-in, new request, reply and log out are all refused', async ({ page, requester }) => {
    await signInQuickly(page.request, requester);
    const id = await sandbox.createRequest(requester, 'Target of a cross-site post', 'Body');
    const loginFields = hiddenFields(await (await page.request.get('/login?expired=1')).text(), 'email');
    const newRequestFields = hiddenFields(await (await page.request.get('/requests/new')).text(), 'subject');
    const replyFields = hiddenFields(await (await page.request.get(`/requests/${id}`)).text(), 'body');
    const logoutFields = hiddenFields(await (await page.request.get('/requests')).text(), /name="\$ACTION_ID_/);
    await sandbox.resetCalls(requester);

    const posts = [
      ['sign-in', '/login', { ...loginFields, email: requester.email, password: requester.password }],
      ['new request', '/requests/new', { ...newRequestFields, subject: 'Planted by evil.example', description: 'x' }],
      ['reply', `/requests/${id}`, { ...replyFields, body: 'Planted reply' }],
      ['log out', '/requests', logoutFields],
    ] as const;
    for (const [what, url, fields] of posts) {
      const answer = await postForm(page.request, url, fields, { Origin: EVIL });
      expect(answer.status(), what).toBe(403);
      expect(await answer.text(), what).toContain('This form was sent from another website');
      expect(answer.headers()['set-cookie'], what).toBeUndefined();
      expect(answer.headers()['location'], what).toBeUndefined();
    }
    // The same with the header a page's JavaScript uses to call an action.
    const actionId = actionIdOf(newRequestFields);
    expect(actionId).not.toBe('');
    const scripted = await page.request.post('/requests/new', {
      headers: { Origin: EVIL, 'Next-Action': actionId, 'Content-Type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify([{}, { subject: 'Planted', description: 'x' }]),
      failOnStatusCode: false,
    });
    expect(scripted.status()).toBe(403);

    expect((await sandbox.calls(requester)).total).toBe(0);
    expect(await countRequests(requester, 'Planted by evil.example')).toBe(0);
    // Still signed in: the cross-site "log out" did nothing either.
    await page.goto('/requests');
    await expect(page.getByRole('link', { name: 'Target of a cross-site post' })).toBeVisible();
  });

  test('to every route handler: refused, no cookie set, nothing asked of the help desk', async ({ page, requester }) => {
    const paths = routeHandlerPaths();
    expect(paths).toContain('/healthz');
    await signInQuickly(page.request, requester);
    await sandbox.resetCalls(requester);
    for (const route of paths) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
        const answer = await page.request.fetch(route, { method, headers: { Origin: EVIL, 'Content-Type': 'application/x-www-form-urlencoded' }, data: 'email=x&jwt=x', failOnStatusCode: false, maxRedirects: 0 });
        expect(answer.status(), `${method} ${route}`).toBe(403);
        expect(answer.headers()['set-cookie'], `${method} ${route}`).toBeUndefined();
      }
    }
    expect((await sandbox.calls(requester)).total).toBe(0);
  });

  test('is a 403 with a short page, and no error in the server log', async ({ page, requester }) => {
    test.setTimeout(90_000);
    // A portal of its own, so its log can be read.
    const portal = await startPortal(CROSS_SITE_PORTAL_PORT, { HELPDESK_URL: SANDBOX_URL });
    try {
      await signInQuickly(page.request, requester, portal.url);
      const newRequestFields = hiddenFields(await (await page.request.get(`${portal.url}/requests/new`)).text(), 'subject');
      const actionId = actionIdOf(newRequestFields);
      expect(actionId).not.toBe('');
      const before = portal.output().length;
      const formPost = await postForm(page.request, `${portal.url}/requests/new`, { ...newRequestFields, subject: 'Planted', description: 'x' }, { Origin: EVIL });
      const scripted = await page.request.post(`${portal.url}/requests/new`, {
        headers: { Origin: EVIL, 'Next-Action': actionId, 'Content-Type': 'text/plain;charset=UTF-8' },
        data: JSON.stringify([{}, { subject: 'Planted', description: 'x' }]),
        failOnStatusCode: false,
      });
      const sandboxed = await postForm(page.request, `${portal.url}/requests/new`, newRequestFields, { Origin: 'null' });
      for (const [what, answer] of [['form post', formPost], ['server action call', scripted], ['Origin: null', sandboxed]] as const) {
        expect(answer.status(), what).toBe(403);
        expect(answer.headers()['content-type'], what).toMatch(/^text\/html/);
        expect(await answer.text(), what).toContain('<h1>Not allowed</h1>');
      }
      // The portal's own pages still post as before.
      const own = await postForm(page.request, `${portal.url}/requests/new`, { ...newRequestFields, subject: 'From the portal itself', description: 'x' }, { Origin: portal.url });
      expect(own.status()).toBe(303);
      await new Promise((r) => setTimeout(r, 500));
      const log = portal.output().slice(before);
      expect(log).not.toMatch(/Invalid Server Actions request|does not match `origin`|"level":(50|"error")/);
    } finally {
      await portal.stop();
    }
  });
});

/** The server action id a form's hidden fields name: `$ACTION_ID_<id>`, or a bound action's `$ACTION_<n>:0`. */
function actionIdOf(fields: Record<string, string>): string {
  const unbound = Object.keys(fields).find((name) => name.startsWith('$ACTION_ID_'));
  if (unbound) return unbound.slice('$ACTION_ID_'.length);
  const bound = Object.keys(fields).find((name) => /^\$ACTION_\d+:0$/.test(name));
  return (JSON.parse((bound && fields[bound]) || '{}') as { id?: string }).id ?? '';
}
