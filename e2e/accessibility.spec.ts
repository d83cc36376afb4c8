import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, sandbox, test } from './fixtures';

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    label,
  ).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('signed-out pages', async ({ page, loginPage }) => {
      await loginPage.goto();
      await expectNoSeriousViolations(page, 'login');
      await loginPage.submit().click();
      await expect(page.locator('#email-errors')).not.toBeEmpty();
      await expectNoSeriousViolations(page, 'login with errors');
      await page.goto('/no-such-page');
      await expectNoSeriousViolations(page, 'not found');
    });

    test('signed-in pages', async ({ page, requester, signedIn, newRequestPage }) => {
      // Eight full axe scans on a 2-core machine beside the other workers.
      test.slow();
      void signedIn;
      await expectNoSeriousViolations(page, 'empty list');
      const open = await sandbox.createRequest(requester, 'Accessible request', 'Body');
      await sandbox.agentComment(open, 'Support reply', true);
      const closed = await sandbox.createRequest(requester, 'Closed request', 'Body');
      await sandbox.setStatus(closed, 'closed');
      for (let i = 0; i < 15; i++) await sandbox.createRequest(requester, `Filler ${i}`, 'Body');
      await page.goto('/requests');
      await expectNoSeriousViolations(page, 'list with pages');
      await page.goto('/requests?status=solved');
      await expectNoSeriousViolations(page, 'solved list');
      await page.goto(`/requests/${open}`);
      await expectNoSeriousViolations(page, 'request');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await expect(page.locator('#body-errors')).not.toBeEmpty();
      await expectNoSeriousViolations(page, 'request with reply error');
      await page.goto(`/requests/${closed}`);
      await expectNoSeriousViolations(page, 'closed request');
      await newRequestPage.goto();
      await expectNoSeriousViolations(page, 'new request');
      await page.goto('/requests/999999');
      await expectNoSeriousViolations(page, 'request not found');
    });
  });
}
