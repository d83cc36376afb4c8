import { expect, LoginPage, sandbox, test } from './fixtures';
import { ROUTE } from './dialect';

// The sandbox misbehaves for one user's calls at a time (the fault names the user), so these
// tests can run beside the others.
test.describe('when the help desk fails', () => {
  const PROBLEM = 'We couldn’t reach your support requests';

  for (const [label, fault] of [
    ['answers 500', { kind: 'status', status: 500 }],
    ['answers 503 every time', { kind: 'status', status: 503 }],
    ['answers malformed XML', { kind: 'malformed' }],
    ['answers an HTML error page', { kind: 'html' }],
    ['drops the connection', { kind: 'drop' }],
    ['is too slow', { kind: 'delay', ms: 4_000 }],
  ] as const) {
    test(`the list says so in plain words when the help desk ${label}, and recovers once it is back`, async ({ page, requester, signedIn }) => {
      void signedIn;
      await sandbox.createRequest(requester, 'Survives outages', 'Body');
      const { id } = await sandbox.fault({ route: ROUTE.list, user: requester, ...fault });
      await page.goto('/requests');
      await expect(page.getByRole('main').getByRole('alert')).toContainText(PROBLEM);
      await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
      await sandbox.clearFault(id);
      await page.getByRole('link', { name: 'Try again' }).click();
      await expect(page.getByRole('link', { name: 'Survives outages' })).toBeVisible();
    });
  }

  test('a passing 503 or 429 with Retry-After is retried and the customer never notices', async ({ page, requester, signedIn }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Retried read', 'Body');
    await sandbox.fault({ route: ROUTE.show, user: requester, kind: 'status', status: 503, times: 1 });
    await page.goto(`/requests/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Retried read' })).toBeVisible();
    await sandbox.fault({ route: ROUTE.show, user: requester, kind: 'status', status: 429, retryAfter: 1, times: 1 });
    await page.goto(`/requests/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Retried read' })).toBeVisible();
  });

  test('a request that cannot be created comes back with its text intact, and is created once when sent again', async ({ page, requester, signedIn, newRequestPage }) => {
    void signedIn;
    const subject = 'Outage-proof subject';
    const description = 'A long message\nwritten while things were already going wrong.';
    for (const fault of [{ kind: 'status', status: 503 }, { kind: 'drop' }, { kind: 'html' }] as const) {
      const { id } = await sandbox.fault({ route: ROUTE.create, user: requester, ...fault });
      await newRequestPage.goto();
      await newRequestPage.subject().fill(subject);
      await newRequestPage.description().fill(description);
      await newRequestPage.submit().click();
      await expect(page.getByRole('main').getByRole('alert')).toContainText('Your text is still here.');
      await expect(newRequestPage.subject()).toHaveValue(subject);
      await expect(newRequestPage.description()).toHaveValue(description);
      await sandbox.clearFault(id);
    }
    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
    await page.goto('/requests');
    await expect(page.getByRole('link', { name: subject })).toHaveCount(1);
  });

  test('a reply that cannot be sent comes back with its text intact', async ({ page, requester, signedIn, requestPage }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Reply under fire', 'Body');
    const { id: faultId } = await sandbox.fault({ route: ROUTE.reply, user: requester, kind: 'status', status: 502 });
    await requestPage.goto(id);
    await requestPage.sendReply('Please keep this reply');
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Your text is still here.');
    await expect(requestPage.reply()).toHaveValue('Please keep this reply');
    await sandbox.clearFault(faultId);
    await requestPage.send().click();
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    await expect(requestPage.messages()).toHaveCount(2);
  });

  test('signing in while the help desk is down says so and keeps the email', async ({ page, requester }) => {
    const { id } = await sandbox.fault({ route: ROUTE.me, user: requester, kind: 'status', status: 503 });
    const login = new LoginPage(page);
    await login.goto();
    await login.logIn(requester);
    await expect(page.getByRole('main').getByRole('alert')).not.toContainText('don’t match');
    await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
    await expect(login.email()).toHaveValue(requester.email);
    await sandbox.clearFault(id);
    await login.logIn(requester);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  });
});
