import type { Locator, Page } from '@playwright/test';
import { expect, LoginPage, NewRequestPage, RequestPage, sandbox, test } from './fixtures';
import { signInQuickly } from './resilience-helpers';

// A failed submit puts an error summary first in the form (the GOV.UK pattern). Everything here
// is done with the keyboard alone: Tab, Shift+Tab, Enter and Space, never the mouse.

const summary = (page: Page) => page.getByRole('region', { name: 'There is a problem' });

/** Tabs forward until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the control');
}

test.describe('the error summary, keyboard only', () => {
  test('new request: focus lands on the summary, and each of its links moves focus to its field', async ({ page, requester }) => {
    await signInQuickly(page.request, requester);
    const form = new NewRequestPage(page);
    await form.goto();
    await tabTo(page, form.submit());
    await page.keyboard.press('Enter');

    await expect(summary(page)).toBeFocused();
    const links = summary(page).getByRole('link');
    await expect(links).toHaveText(['Enter a subject.', 'Enter a description.']);
    await expect(links.nth(0)).toHaveAttribute('href', '#subject');

    await page.keyboard.press('Tab');
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(form.description()).toBeFocused();

    // Back up to the summary and follow the first link.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(form.subject()).toBeFocused();

    // Fixing one leaves one problem, and focus comes back to the shorter summary.
    await page.keyboard.type('Keyboard only');
    await tabTo(page, form.submit());
    await page.keyboard.press('Enter');
    await expect(summary(page)).toBeFocused();
    await expect(summary(page).getByRole('link')).toHaveText(['Enter a description.']);
    await expect(form.subject()).toHaveValue('Keyboard only');
  });

  test('reply: an empty reply puts focus on the summary, whose link leads to the reply box', async ({ page, requester }) => {
    await signInQuickly(page.request, requester);
    const id = await sandbox.createRequest(requester, 'Keyboard reply', 'Body');
    const request = new RequestPage(page);
    await request.goto(id);
    await tabTo(page, request.send());
    await page.keyboard.press('Space');
    await expect(summary(page)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(summary(page).getByRole('link', { name: 'Enter a reply.' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(request.reply()).toBeFocused();
  });

  test('login: both fields named in the summary, each link reaches its field', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await tabTo(page, login.submit());
    await page.keyboard.press('Space');
    await expect(summary(page)).toBeFocused();
    const links = summary(page).getByRole('link');
    await expect(links).toHaveText(['Enter your email address.', 'Enter your password.']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(login.password()).toBeFocused();
    // Password → email → the password link → the email link.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(login.email()).toBeFocused();
  });
});

test.describe('the error summary without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page comes back with the summary first; its links are plain anchors to the fields', async ({ page, requester }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.submit().press('Enter');
    await expect(summary(page).getByRole('link')).toHaveText(['Enter your email address.', 'Enter your password.']);

    await signInQuickly(page.request, requester);
    const form = new NewRequestPage(page);
    await form.goto();
    await form.description().fill('Kept, with the subject missing');
    await form.submit().press('Enter');
    const link = summary(page).getByRole('link', { name: 'Enter a subject.' });
    await expect(link).toHaveAttribute('href', '#subject');
    // The summary comes before the fields, so a screen reader or Tab meets it first.
    const [summaryBox, subjectBox] = [await summary(page).boundingBox(), await form.subject().boundingBox()];
    expect(summaryBox!.y).toBeLessThan(subjectBox!.y);
    await link.press('Enter');
    await expect(page).toHaveURL(/#subject$/);
    await expect(page.locator(':target')).toHaveAttribute('name', 'subject');
    await expect(form.description()).toHaveValue('Kept, with the subject missing');
  });
});
