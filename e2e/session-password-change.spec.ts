import { expect, LoginPage, sandbox, test } from './fixtures';
import { hostUrl, portalFrame, ssoToken } from './embed-host';
import { OBO_PORTAL_URL, SANDBOX_ADMIN, SANDBOX_URL } from './ports';
import type { EndUser } from './sandbox-admin';
import { ROUTE } from './dialect';

// On-behalf-of mode: the portal calls as its agent, so the customer's password never reaches the
// help desk after sign-in. A session re-checks the customer at most every SESSION_RECHECK_SECONDS
// (1 on the OBO and embed portals of playwright.config.ts) and ends once the help desk says the
// password changed after the sign-in.

/** The help desk's admin sets a new password (the sandbox's PUT /users/{id}.xml). */
async function changePassword(user: EndUser, password: string): Promise<void> {
  const res = await fetch(`${SANDBOX_URL}/users/${user.id}.xml`, {
    method: 'PUT',
    headers: {
      Authorization: `Basic ${Buffer.from(`${SANDBOX_ADMIN.email}:${SANDBOX_ADMIN.password}`).toString('base64')}`,
      'Content-Type': 'application/xml',
    },
    body: `<user><password>${password}</password></user>`,
  });
  if (res.status !== 200) throw new Error(`setting the password answered ${res.status}: ${await res.text()}`);
}

/** Longer than the portals' SESSION_RECHECK_SECONDS, so the next page view re-checks. */
const pastRecheckInterval = () => new Promise((resolve) => setTimeout(resolve, 1_300));

test.describe('on-behalf-of mode', () => {
  test.use({ baseURL: OBO_PORTAL_URL });

  test('a password changed at the help desk ends the session and every copy of its cookie', async ({ browser, page, context, requester }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.logIn(requester);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    const copy = await browser.newContext({ baseURL: OBO_PORTAL_URL });
    await copy.addCookies((await context.cookies()).filter((c) => c.name.endsWith('portico_session')));
    const thief = await copy.newPage();

    // Re-checks that find no change keep the session (and cost one help desk call, not one a page).
    await pastRecheckInterval();
    await sandbox.resetCalls(requester);
    await thief.goto('/requests');
    await expect(thief.getByRole('heading', { name: 'My requests' })).toBeVisible();
    await page.goto('/requests');
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    const calls = (await sandbox.calls(requester)).byRoute;
    expect(calls[ROUTE.list]).toBe(2);
    // One re-check for the two views (two, should the second come more than a second later).
    expect(calls[ROUTE.me]).toBeGreaterThanOrEqual(1);
    expect(calls[ROUTE.me]).toBeLessThanOrEqual(2);

    await changePassword(requester, `${requester.password}-changed`);
    await pastRecheckInterval();
    await thief.goto('/requests');
    await expect(thief.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await expect(thief.getByRole('main').getByText('Your session has ended. Please log in again.')).toBeVisible();
    // Ended everywhere at once: the owner's own browser is refused without asking again.
    await sandbox.resetCalls(requester);
    await page.goto('/requests');
    await expect(page.getByRole('main').getByText('Your session has ended. Please log in again.')).toBeVisible();
    expect((await sandbox.calls(requester)).total).toBe(0);
    // The cleared cookie is gone, and the old password no longer signs in; the new one does.
    expect((await context.cookies()).filter((c) => c.name.endsWith('portico_session'))).toEqual([]);
    await login.logIn(requester);
    await expect(page.getByRole('main').getByRole('alert')).toContainText('don’t match an account');
    await login.logIn({ email: requester.email, password: `${requester.password}-changed` });
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    await pastRecheckInterval();
    await page.goto('/requests');
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    await copy.close();
  });
});

test('single sign-on sessions (on behalf of the customer) end the same way', async ({ page, requester }) => {
  test.slow();
  await page.goto(hostUrl({ jwt: await ssoToken({ email: requester.email, name: requester.name }) }));
  const frame = portalFrame(page);
  await expect(frame.getByRole('heading', { name: 'My requests' })).toBeVisible();
  await changePassword(requester, `${requester.password}-reset`);
  await pastRecheckInterval();
  await page.goto(hostUrl());
  await expect(frame.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(frame.getByRole('main').getByText('Your session has ended. Please log in again.')).toBeVisible();
});
