import { sealData } from 'iron-session';
import type { Browser, BrowserContext, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { expect, LoginPage, NewRequestPage, RequestPage, sandbox, test, type EndUser } from './fixtures';
import { E2E_PREVIOUS_SESSION_SECRET, E2E_SESSION_SECRET, PORTAL_URL } from './ports';
import { countRequests, hiddenFields, postForm, signInQuickly } from './resilience-helpers';
import { SESSION_COOKIE_NAME } from '../lib/session/cookie';
import { ROUTE } from './dialect';

// Sessions and sign-in under attack: cookies nobody issued, or issued long ago; guessing passwords.

const NO_MATCH = 'That email and password don’t match an account. Check them and try again.';

/** A session cookie as the portal would seal it, but with any secret and lifetime. */
async function sealedSession(user: EndUser, options: { secret: string; ttlSeconds?: number }) {
  const data = { requester: { id: user.id, name: user.name, email: user.email }, password: user.password, signedInAt: Date.now() };
  return sealData(data, { password: options.secret, ttl: options.ttlSeconds ?? 3600 });
}

async function setSessionCookie(context: BrowserContext, value: string) {
  // Host and path, not `url`: Playwright turns a plain-http url into a cookie without Secure, which
  // the browser refuses under the `__Host-` prefix.
  await context.addCookies([{ name: SESSION_COOKIE_NAME, value, domain: new URL(PORTAL_URL).hostname, path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }]);
}

test.describe('a session cookie the portal did not issue, or no longer accepts, means signed out', () => {
  const cases: [string, (user: EndUser) => Promise<string>][] = [
    ['sealed with a foreign secret (forged)', (user) => sealedSession(user, { secret: 'an-attackers-guess-at-the-secret-0123456789' })],
    ['expired (its seal’s lifetime has passed)', (user) => sealedSession(user, { secret: E2E_SESSION_SECRET, ttlSeconds: -120 })],
    ['sealed with the previous secret and expired', (user) => sealedSession(user, { secret: E2E_PREVIOUS_SESSION_SECRET, ttlSeconds: -120 })],
    ['tampered with (one character changed in the middle)', async (user) => {
      const genuine = await sealedSession(user, { secret: E2E_SESSION_SECRET });
      const middle = Math.floor(genuine.length / 2);
      return genuine.slice(0, middle) + (genuine[middle] === 'A' ? 'B' : 'A') + genuine.slice(middle + 1);
    }],
    ['plain JSON claiming to be the user', async (user) => JSON.stringify({ requester: { id: user.id, email: user.email, name: user.name } })],
  ];

  for (const [name, cookie] of cases) {
    test(`a cookie ${name}: pages ask to sign in and a form post creates nothing`, async ({ page, context, playwright, requester }) => {
      await setSessionCookie(context, await cookie(requester));
      await page.goto('/requests');
      await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

      // Posting the new-request form with that cookie is refused as "session ended", and the help desk is not called.
      const genuine = await newRequestFormFields(playwright, requester);
      await sandbox.resetCalls(requester);
      const answer = await postForm(page.request, '/requests/new', { ...genuine, subject: 'Forged', description: 'x' }, { Origin: PORTAL_URL });
      // Without JavaScript the page then sends the visitor to sign in; either way, nothing was filed.
      expect(answer.status() === 200 ? await answer.text() : answer.headers()['location']).toMatch(/Your session has ended\.|^\/login\?next=/);
      expect((await sandbox.calls(requester)).total).toBe(0);
      expect(await countRequests(requester, 'Forged')).toBe(0);
    });
  }
});

/** The new-request form's hidden fields (action reference, form token), as a genuine session gets them. */
async function newRequestFormFields(playwright: PlaywrightWorkerArgs['playwright'], user: EndUser): Promise<Record<string, string>> {
  const api = await playwright.request.newContext({ baseURL: PORTAL_URL });
  await signInQuickly(api, user);
  const fields = hiddenFields(await (await api.get('/requests/new')).text(), 'subject');
  await api.dispose();
  return fields;
}

test('secret rotation: a session sealed with SESSION_SECRET_PREVIOUS is still accepted', async ({ page, context, requester }) => {
  await sandbox.createRequest(requester, 'Visible after the rotation', 'Body');
  await setSessionCookie(context, await sealedSession(requester, { secret: E2E_PREVIOUS_SESSION_SECRET }));
  await page.goto('/requests');
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Visible after the rotation' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(requester.name);
});

test.describe('guessing passwords', () => {
  test('20 wrong passwords from one client: it waits on that account after 5 and on every account after 20, without asking the help desk; the customer still signs in from elsewhere', async ({ browser, requester }) => {
    test.setTimeout(120_000);
    // This test's own client address (the main portal trusts one proxy, which the test plays).
    const client = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const context = await browser.newContext({ baseURL: PORTAL_URL, extraHTTPHeaders: { 'x-forwarded-for': client } });
    const page = await context.newPage();
    const login = new LoginPage(page);
    const alert = page.getByRole('main').getByRole('alert');
    const waiting = /^Too many failed sign-ins\. Try again in 1[0-5] seconds\.$/;
    // One attempt at a time: each waits for the portal's answer before the next is typed.
    const attempt = async (user: { email: string; password: string }) => {
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
      await login.logIn(user);
      await answered;
    };
    await login.goto();
    await sandbox.resetCalls(requester);
    for (let i = 1; i <= 5; i++) {
      await attempt({ email: requester.email, password: `wrong-${i}` });
      await expect(alert).toHaveText(NO_MATCH);
    }
    // The right password, but from the guessing client: it must wait, and the help desk is not even asked.
    await attempt(requester);
    await expect(alert).toHaveText(waiting);
    expect((await sandbox.calls(requester)).byRoute[ROUTE.me]).toBe(5);

    // 15 more from the same client on other accounts (unknown ones): 20 failures in all.
    const html = await (await context.request.get('/login')).text();
    const hidden = hiddenFields(html, 'email');
    for (let i = 6; i <= 20; i++) {
      const answer = await postForm(context.request, '/login', { ...hidden, email: `nobody-${i}-${client}@example.com`, password: 'guess' }, { Origin: PORTAL_URL });
      expect(await answer.text()).toContain(NO_MATCH);
    }
    // Now even a different account with its right password must wait from this client...
    const other = await sandbox.createEndUser('bystander');
    await sandbox.resetCalls(other);
    await attempt(other);
    await expect(alert).toHaveText(waiting);
    expect((await sandbox.calls(other)).total).toBe(0);
    await context.close();

    // ...while from another client both sign in at once: the guesser locked nobody else out.
    for (const user of [requester, other]) {
      const elsewhere = await browser.newContext({ baseURL: PORTAL_URL, extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` } });
      const otherPage = await elsewhere.newPage();
      const otherLogin = new LoginPage(otherPage);
      await otherLogin.goto();
      await otherLogin.logIn(user);
      await expect(otherPage.getByRole('heading', { name: 'My requests' })).toBeVisible();
      await elsewhere.close();
    }
  });

  test('an unknown email and a wrong password get the same answer, and neither comes back faster than the padding', async ({ playwright, requester }) => {
    const client = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    const api = await playwright.request.newContext({ baseURL: PORTAL_URL, extraHTTPHeaders: { 'x-forwarded-for': client } });
    const hidden = hiddenFields(await (await api.get('/login')).text(), 'email');
    const attempt = async (email: string, password: string) => {
      const started = Date.now();
      const answer = await postForm(api, '/login', { ...hidden, email, password }, { Origin: PORTAL_URL });
      const html = await answer.text();
      return { ms: Date.now() - started, message: /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? html.slice(0, 200) };
    };
    const unknown = [];
    const wrong = [];
    for (let i = 0; i < 3; i++) {
      unknown.push(await attempt(`no-such-person-${i}-${Date.now()}@example.com`, 'whatever'));
      wrong.push(await attempt(requester.email, `wrong-${i}`));
    }
    for (const answer of [...unknown, ...wrong]) {
      expect(answer.message).toContain('That email and password don');
      expect(answer.message).toBe(unknown[0]!.message);
      expect(answer.ms).toBeGreaterThanOrEqual(600);
    }
    await api.dispose();
  });
});

test.describe('ending sessions', () => {
  async function signedInContext(browser: Browser, user: EndUser, options: { javaScriptEnabled?: boolean } = {}) {
    const context = await browser.newContext({ baseURL: PORTAL_URL, ...options });
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.logIn(user);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    return { context, page };
  }
  // By the end of its name: `__Host-portico_session` where the cookie is Secure.
  const isSessionCookie = (cookie: { name: string }) => cookie.name.endsWith('portico_session');
  const sessionCookieOf = async (context: BrowserContext) => (await context.cookies()).find(isSessionCookie)!;

  test('a session cookie copied to another browser stops working when its owner logs out', async ({ browser, requester }) => {
    const owner = await signedInContext(browser, requester);
    const copy = await browser.newContext({ baseURL: PORTAL_URL });
    await copy.addCookies([await sessionCookieOf(owner.context)]);
    const thief = await copy.newPage();
    await thief.goto('/requests');
    await expect(thief.getByRole('heading', { name: 'My requests' })).toBeVisible();

    await owner.page.getByRole('button', { name: 'Log out', exact: true }).click();
    await expect(owner.page.getByRole('status')).toHaveText('You have logged out.');
    await sandbox.resetCalls(requester);
    await thief.goto('/requests');
    await expect(thief.getByRole('heading', { name: 'Log in' })).toBeVisible();
    expect((await sandbox.calls(requester)).total).toBe(0);
    await Promise.all([owner.context.close(), copy.close()]);
  });

  test('"Log out of all devices" (without JavaScript) ends the session in every other browser too', async ({ browser, requester }) => {
    const laptop = await signedInContext(browser, requester, { javaScriptEnabled: false });
    const phone = await signedInContext(browser, requester);
    await laptop.page.getByRole('button', { name: 'Log out of all devices' }).click();
    await expect(laptop.page.getByRole('status')).toHaveText('You have logged out on all devices.');
    await phone.page.goto('/requests');
    await expect(phone.page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    // Signing in again afterwards works, on either.
    await new LoginPage(phone.page).logIn(requester);
    await expect(phone.page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    await Promise.all([laptop.context.close(), phone.context.close()]);
  });

  test('a session whose password the help desk now refuses (401) ends: the cookie is cleared and not sent to the help desk again', async ({ page, context, signedIn, requester }) => {
    void signedIn;
    // The help desk refuses the customer's credentials from now on, as after a password change there.
    await sandbox.fault({ route: ROUTE.list, user: requester, kind: 'status', status: 401, times: 50 });
    await sandbox.resetCalls(requester);
    await page.goto('/requests?status=solved');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await expect(page.getByRole('main').getByText('Your session has ended. Please log in again.')).toBeVisible();
    expect((await context.cookies()).filter((cookie) => cookie.name.endsWith('portico_session'))).toEqual([]);
    const callsSoFar = (await sandbox.calls(requester)).total;
    expect(callsSoFar).toBe(1);
    // Every page after that asks to sign in, without calling the help desk with the old password.
    for (const path of ['/requests', '/requests/new']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    }
    expect((await sandbox.calls(requester)).total).toBe(callsSoFar);
  });
  // Issue 9: the same for a write. The form keeps the text and says the session ended, and the
  // session really is over: the next page asks to sign in instead of sending the refused password.
  const writes = [
    {
      name: 'a new request',
      route: ROUTE.create,
      write: async (page: Page) => {
        const form = new NewRequestPage(page);
        await form.goto();
        await form.subject().fill('Written before the password changed');
        await form.description().fill('The help desk no longer takes my password');
        await form.submit().click();
        return form.description();
      },
    },
    {
      name: 'a reply',
      route: ROUTE.reply,
      write: async (page: Page, requester: EndUser) => {
        const form = new RequestPage(page);
        await form.goto(await sandbox.createRequest(requester, 'Open for a reply', 'Body'));
        await form.sendReply('The help desk no longer takes my password');
        return form.reply();
      },
    },
  ];
  for (const { name, route, write } of writes) {
    test(`${name} the help desk refuses with a 401 says the session ended, keeps the text, and ends the session`, async ({ page, signedIn, requester }) => {
      void signedIn;
      await sandbox.fault({ route, user: requester, kind: 'status', status: 401, times: 1 });
      const field = await write(page, requester);
      await expect(page.getByRole('main').getByRole('alert')).toContainText('Your session has ended. Your text is still here. Log in again to send it.');
      await expect(field).toHaveValue('The help desk no longer takes my password');
      await sandbox.resetCalls(requester);
      for (const path of ['/requests', '/requests/new']) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
      }
      expect((await sandbox.calls(requester)).total).toBe(0);
    });
  }
});
