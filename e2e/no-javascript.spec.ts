import { expect, LoginPage, NewRequestPage, RequestPage, sandbox, test } from './fixtures';
import { signInQuickly } from './resilience-helpers';
import { ROUTE } from './dialect';

// Every flow must work from server-rendered HTML alone: forms post to server actions.
test.use({ javaScriptEnabled: false });

const OUTAGE = 'The help desk is not answering right now.';
// HTML cannot carry a NUL: the page that gives the text back shows it as U+FFFD, like any browser.
const NUL_SHOWN = '\uFFFD';

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

  test('a new request that is refused comes back with its message and its text', async ({ page, requester, newRequestPage }) => {
    await signInQuickly(page.request, requester);
    await newRequestPage.goto();
    const attempt = async (subject: string, description: string) => {
      await newRequestPage.subject().fill(subject);
      await newRequestPage.description().fill(description);
      await newRequestPage.submit().click();
    };

    await attempt('Empty description', '  ');
    await expect(page.locator('#description-errors')).toHaveText('Enter a description.');
    await expect(newRequestPage.subject()).toHaveValue('Empty description');

    await attempt('Control characters', 'before\u0000after');
    await expect(page.locator('#description-errors')).toContainText('NUL');
    await expect(newRequestPage.description()).toHaveValue(`before${NUL_SHOWN}after`);

    await attempt('😀'.repeat(100), 'Too long a subject');
    await expect(page.locator('#subject-errors')).toContainText('at most 150 characters; it has 200');
    await expect(newRequestPage.subject()).toHaveValue('😀'.repeat(100));
    await expect(newRequestPage.description()).toHaveValue('Too long a subject');

    const { id: fault } = await sandbox.fault({ route: ROUTE.create, user: requester, kind: 'status', status: 503 });
    await attempt('During an outage', 'Written while the help desk was down');
    await expect(page.getByRole('main').getByRole('alert')).toContainText(OUTAGE);
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Your text is still here.');
    await expect(newRequestPage.subject()).toHaveValue('During an outage');
    await expect(newRequestPage.description()).toHaveValue('Written while the help desk was down');
    await sandbox.clearFault(fault);

    // The same form, sent again, goes through.
    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
  });

  test('a reply that is refused comes back with its message and its text', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const id = await sandbox.createRequest(requester, 'Replies without JavaScript', 'Body');
    await requestPage.goto(id);
    const alert = page.getByRole('main').getByRole('alert');

    await requestPage.sendReply('  ');
    await expect(page.locator('#body-errors')).toHaveText('Enter a reply.');

    await requestPage.sendReply('a\u0000b');
    await expect(page.locator('#body-errors')).toContainText('NUL');
    await expect(requestPage.reply()).toHaveValue(`a${NUL_SHOWN}b`);

    const long = 'x'.repeat(65_536);
    await requestPage.sendReply(long);
    await expect(page.locator('#body-errors')).toHaveText('A reply must be at most 65,535 characters; it has 65,536.');
    expect(await requestPage.reply().evaluate((el: HTMLTextAreaElement) => el.value.length)).toBe(long.length);

    // The help desk refuses the reply only.
    const { id: refuse } = await sandbox.fault({ route: ROUTE.reply, user: requester, kind: 'status', status: 503 });
    await requestPage.sendReply('Sent while the help desk refuses replies');
    await expect(alert).toContainText(OUTAGE);
    await expect(alert).toContainText('Your text is still here.');
    await expect(requestPage.reply()).toHaveValue('Sent while the help desk refuses replies');
    await sandbox.clearFault(refuse);

    // The whole help desk is down: the page cannot show the conversation, but the reply is back.
    const { id: down } = await sandbox.fault({ route: '*', user: requester, kind: 'status', status: 503 });
    await requestPage.sendReply('Sent while the help desk is down');
    await expect(page.getByRole('main')).toContainText('We couldn’t reach your support requests');
    await expect(page.locator('form').getByRole('alert')).toContainText(OUTAGE);
    await expect(requestPage.reply()).toHaveValue('Sent while the help desk is down');
    await sandbox.clearFault(down);

    await requestPage.send().click();
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    await expect(requestPage.messages()).toHaveCount(2);
    await expect(requestPage.messages().last()).toContainText('Sent while the help desk is down');
    await expect(requestPage.reply()).toHaveValue('');
  });

  test('a sign-in that is refused comes back with its message and the email', async ({ page, requester }) => {
    const login = new LoginPage(page);
    await login.goto('/requests/new');
    await login.logIn({ email: '', password: '' });
    await expect(page.locator('#email-errors')).toHaveText('Enter your email address.');
    await expect(page.locator('#password-errors')).toHaveText('Enter your password.');

    await login.logIn({ email: 'not\u0000an-email', password: 'x' });
    await expect(page.locator('#email-errors')).toContainText('Enter a valid email address');
    await expect(login.email()).toHaveValue(`not${NUL_SHOWN}an-email`);

    await login.logIn({ email: requester.email, password: 'p'.repeat(1025) });
    await expect(page.locator('#password-errors')).toHaveText('That password is too long.');
    await expect(login.email()).toHaveValue(requester.email);

    const { id } = await sandbox.fault({ route: ROUTE.me, user: requester, kind: 'status', status: 503 });
    await login.logIn(requester);
    await expect(page.getByRole('main').getByRole('alert')).toContainText(OUTAGE);
    await expect(login.email()).toHaveValue(requester.email);
    await sandbox.clearFault(id);

    // Every failed post came back to the same sign-in, so it still goes where it was going.
    await login.logIn(requester);
    await expect(page.getByRole('heading', { name: 'New request' })).toBeVisible();
  });
});
