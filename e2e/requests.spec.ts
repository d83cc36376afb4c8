import { expect, sandbox, test } from './fixtures';

test.describe('My requests', () => {
  test('with no requests, the empty state leads to a new request', async ({ signedIn: page }) => {
    await expect(page.getByRole('heading', { name: 'You have no open requests' })).toBeVisible();
    await page.getByRole('link', { name: 'Create a new request' }).click();
    await expect(page.getByRole('heading', { name: 'New request' })).toBeVisible();
  });

  test('each row shows its title, number, status and when it was updated', async ({ page, requester, signedIn }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Printer on fire', 'It is really on fire');
    await sandbox.setStatus(id, 'pending');
    await page.goto('/requests');
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Printer on fire' }) });
    await expect(row).toContainText(`#${id}`);
    await expect(row).toContainText('Awaiting your reply');
    const time = row.locator('time');
    await expect(time).toHaveText(/Updated (just now|\d+ (second|minute)s? ago|1 minute ago)/);
    expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    await expect(time).toHaveAttribute('title', /UTC$/);
  });

  test('Open and Solved tabs split requests by status', async ({ page, requester, signedIn }) => {
    void signedIn;
    const open = await sandbox.createRequest(requester, 'Still broken', 'Help');
    const solved = await sandbox.createRequest(requester, 'Fixed now', 'Was broken');
    const closed = await sandbox.createRequest(requester, 'Long gone', 'Old');
    await sandbox.setStatus(solved, 'solved');
    await sandbox.setStatus(closed, 'closed');

    await page.goto('/requests');
    await expect(page.getByRole('link', { name: 'Open', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('link', { name: 'Still broken' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Fixed now' })).toHaveCount(0);

    await page.getByRole('link', { name: 'Solved', exact: true }).click();
    await expect(page.getByRole('link', { name: 'Solved', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('link', { name: 'Fixed now' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Long gone' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Still broken' })).toHaveCount(0);
    void open;
  });

  test('15 a page, with numbered page links from the help desk’s count', async ({ page, requester, signedIn }) => {
    void signedIn;
    for (let i = 1; i <= 31; i++) await sandbox.createRequest(requester, `Request number ${i}`, `Body ${i}`);
    await page.goto('/requests');
    await expect(page.getByText('31 requests, page 1 of 3')).toBeVisible();
    const rows = page.getByRole('list').filter({ has: page.getByRole('link', { name: /^Request number/ }) }).getByRole('listitem');
    await expect(rows).toHaveCount(15);
    const pages = page.getByRole('navigation', { name: 'Pages' });
    await expect(pages.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
    await pages.getByRole('link', { name: 'Page 3' }).click();
    await expect(page.getByText('31 requests, page 3 of 3')).toBeVisible();
    await expect(rows).toHaveCount(1);
    // Newest first: the very first request is alone on the last page.
    await expect(page.getByRole('link', { name: 'Request number 1', exact: true })).toBeVisible();
    await pages.getByRole('link', { name: 'Previous page' }).click();
    await expect(page.getByText('31 requests, page 2 of 3')).toBeVisible();
    await expect(rows).toHaveCount(15);
  });
});
