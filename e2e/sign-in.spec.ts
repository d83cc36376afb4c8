import { expect, LoginPage, test } from './fixtures';
import { SESSION_COOKIE_NAME } from '../lib/session/cookie';

test.describe('signing in and out', () => {
  test('a customer logs in, sees their requests, and logs out', async ({ page, requester, loginPage }) => {
    await page.goto('/requests');
    await expect(page).toHaveURL(/\/login\?next=%2Frequests/);
    await loginPage.logIn(requester);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(requester.name);

    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('You have logged out.');
    await page.goto('/requests');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  });

  test('a wrong password is refused with a clear message and the email kept', async ({ page, requester, loginPage }) => {
    await loginPage.goto();
    await loginPage.logIn({ email: requester.email, password: 'not-the-password' });
    await expect(page.getByRole('main').getByRole('alert')).toContainText('don’t match an account');
    await expect(loginPage.email()).toHaveValue(requester.email);
    await expect(loginPage.password()).toHaveValue('');
  });

  test('missing or malformed fields say what to fix, next to the field', async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.email().fill('not-an-email');
    await loginPage.submit().click();
    await expect(loginPage.email()).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#email-errors')).toHaveText('Enter a valid email address, like name@example.com.');
    await expect(page.locator('#password-errors')).toHaveText('Enter your password.');
    await expect(loginPage.email()).toHaveValue('not-an-email');
  });

  test('after logging in, ?next= returns to the page asked for, but never off the portal', async ({ page, requester, loginPage }) => {
    const id = await (await import('./sandbox-admin')).sandbox.createRequest(requester, 'Next please', 'Take me back here');
    await page.goto(`/requests/${id}`);
    await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Frequests%2F${id}`));
    await loginPage.logIn(requester);
    await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));
    await expect(page.getByRole('heading', { name: 'Next please' })).toBeVisible();

    for (const evil of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      await page.context().clearCookies();
      const login = new LoginPage(page);
      await login.goto(evil);
      await login.logIn(requester);
      await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/requests$/);
    }
  });

  test('the session cookie is HttpOnly, SameSite=Lax, Secure in production, and expires', async ({ page, context, signedIn }) => {
    void signedIn;
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE_NAME);
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.secure).toBe(true);
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000);
    expect(cookie!.value).not.toContain('password');
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  });

  test('a tampered session cookie means signed out', async ({ page, context, signedIn }) => {
    void signedIn;
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE_NAME)!;
    await context.addCookies([{ ...cookie, value: cookie.value.slice(0, -4) + 'AAAA' }]);
    await page.goto('/requests');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  });
});
