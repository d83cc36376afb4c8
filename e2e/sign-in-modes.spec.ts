import { unsealData } from 'iron-session';
import { expect, LoginPage, NewRequestPage, RequestPage, sandbox, test } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';
import { E2E_SESSION_SECRET, EXTRA_PORTAL_PORT_BASE, OBO_PORTAL_URL, SANDBOX_URL } from './ports';
import type { EndUser } from './sandbox-admin';
import { startPortal, type RunningServer } from './servers';
import { SESSION_COOKIE_NAME } from '../lib/session/cookie';
import { DIALECT, E2E_OAUTH_TOKEN, ROUTE } from './dialect';

async function sessionContents(cookies: { name: string; value: string }[]) {
  const cookie = cookies.find((c) => c.name === SESSION_COOKIE_NAME);
  if (!cookie) throw new Error('no session cookie');
  return unsealData<Record<string, unknown>>(cookie.value, { password: E2E_SESSION_SECRET });
}

test('end-user mode: the sealed cookie carries what is needed to call as the user', async ({ context, requester, signedIn }) => {
  void signedIn;
  const session = await sessionContents(await context.cookies());
  expect(session.requester).toMatchObject({ email: requester.email, id: requester.id });
  expect(session.password).toBe(requester.password);
});

/**
 * On behalf of customers: a wrong password still fails, the cookie keeps only who the user is, and
 * create and reply go through the portal's own credential (classic: its agent; v2: an API token or
 * an OAuth token with impersonate), counted as the customer's calls.
 */
async function onBehalfOfFlow(page: Page, context: BrowserContext, requester: EndUser) {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn({ email: requester.email, password: 'wrong-password' });
  await expect(page.getByRole('main').getByRole('alert')).toContainText('don’t match an account');
  await login.logIn(requester);
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();

  const session = await sessionContents(await context.cookies());
  expect(session.requester).toMatchObject({ email: requester.email });
  expect(session).not.toHaveProperty('password');
  expect(JSON.stringify(session)).not.toContain(requester.password);

  await sandbox.resetCalls(requester);
  const create = new NewRequestPage(page);
  await create.goto();
  await create.create('Via the agent', 'Created on my behalf');
  const request = new RequestPage(page);
  await request.sendReply('Replied on my behalf');
  await expect(request.messages()).toHaveCount(2);
  await expect(request.messages().nth(1)).toContainText('You');
  const calls = await sandbox.calls(requester);
  expect(calls.byRoute[ROUTE.create]).toBe(1);
  expect(calls.byRoute[ROUTE.reply]).toBe(1);

  // Another user's request stays invisible in this mode too.
  const other = await sandbox.createEndUser('stranger');
  const foreign = await sandbox.createRequest(other, 'Not yours', 'Hidden');
  const response = await page.goto(`/requests/${foreign}`);
  expect(response?.status()).toBe(404);
}

test.describe(`on-behalf-of mode (${DIALECT === 'v2' ? 'HELPDESK_API_TOKEN' : 'HELPDESK_AGENT_EMAIL'} set)`, () => {
  test.use({ baseURL: OBO_PORTAL_URL });

  test('the cookie keeps only who the user is, and every flow works through the portal\'s credential', async ({ page, context, requester }) => {
    await onBehalfOfFlow(page, context, requester);
  });
});

// The v2 API's other way to act for customers: an admin's OAuth token with the impersonate scope
// and X-On-Behalf-Of, on a portal of its own (the classic API has only the agent).
if (DIALECT === 'v2') {
  test.describe('on-behalf-of mode (HELPDESK_OAUTH_TOKEN set)', () => {
    test.describe.configure({ mode: 'default' });
    const PORT = EXTRA_PORTAL_PORT_BASE + 8;
    let portal: RunningServer;
    test.beforeAll(async () => {
      test.setTimeout(90_000);
      portal = await startPortal(PORT, { HELPDESK_URL: SANDBOX_URL, HELPDESK_API: 'v2', HELPDESK_OAUTH_TOKEN: E2E_OAUTH_TOKEN });
    });
    test.afterAll(async () => {
      await portal?.stop();
    });
    test.use({ baseURL: `http://localhost:${PORT}` });

    test('the cookie keeps only who the user is, and every flow works through the OAuth token', async ({ page, context, requester }) => {
      await onBehalfOfFlow(page, context, requester);
    });
  });
}
