import { expect, LoginPage, NewRequestPage, RequestPage, sandbox, test } from './fixtures';

// Every flow must work from server-rendered HTML alone: forms post to server actions.
test.use({ javaScriptEnabled: false });

test.describe('with JavaScript disabled', () => {
  test('log in, list, create, reply, and log out', async ({ page, requester }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.logIn({ email: requester.email, password: 'wrong' });
    await expect(page.getByRole('main').getByRole('alert')).toContainText('don’t match an account');
    await expect(login.email()).toHaveValue(requester.email);
    await login.logIn(requester);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();

    await page.getByRole('link', { name: 'Create a new request' }).click();
    const create = new NewRequestPage(page);
    await create.subject().fill('');
    await create.description().fill('Kept without JavaScript');
    await create.submit().click();
    await expect(page.locator('#subject-errors')).toHaveText('Enter a subject.');
    await expect(create.description()).toHaveValue('Kept without JavaScript');
    await create.subject().fill('No-JS request');
    const id = await create.create('No-JS request', 'Made with plain HTML forms & "quotes" 😀');

    const request = new RequestPage(page);
    await request.sendReply('A plain-HTML reply');
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    await expect(request.messages()).toHaveCount(2);

    await sandbox.setStatus(id, 'solved');
    await page.goto('/requests?status=solved');
    await expect(page.getByRole('link', { name: 'No-JS request' })).toBeVisible();

    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  });
});
