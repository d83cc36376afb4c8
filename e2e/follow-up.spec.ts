import { expect, sandbox, test } from './fixtures';
import { signInQuickly } from './resilience-helpers';

/**
 * Follow-ups: a closed request offers "Create a follow-up", the new-request form names the old
 * request and keeps the link through errors, and the new request's page names the old one.
 */
for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('a closed request’s follow-up is linked to it, through an error and back', async ({ page, requester, requestPage, newRequestPage }) => {
      await signInQuickly(page.request, requester);
      const closed = await sandbox.createRequest(requester, 'Printer on fire', 'It was on fire');
      await sandbox.setStatus(closed, 'closed');
      await requestPage.goto(closed);
      await expect(requestPage.reply()).toHaveCount(0);
      await requestPage.createFollowUp().click();
      await expect(page).toHaveURL(new RegExp(`/requests/new\\?followUp=${closed}$`));
      await expect(newRequestPage.followUpOf()).toHaveText(`This request follows up on request #${closed}: Printer on fire. It will be linked to it.`);
      await expect(newRequestPage.followUpOf().getByRole('link', { name: `request #${closed}` })).toHaveAttribute('href', `/requests/${closed}`);

      // A mistake keeps the link.
      await newRequestPage.description().fill('It is on fire again.');
      await newRequestPage.submit().click();
      await expect(page.locator('#subject-errors')).toHaveText('Enter a subject.');
      await expect(newRequestPage.followUpOf()).toContainText(`request #${closed}`);

      await newRequestPage.create('Printer on fire, again', 'It is on fire again.');
      const link = page.getByRole('main').getByText(/^Follow-up to #\d+$/);
      await expect(link).toHaveText(`Follow-up to #${closed}`);
      await link.getByRole('link', { name: `#${closed}` }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Printer on fire' })).toBeVisible();
    });
  });
}

test('a request that still takes replies, or that is not the customer’s, is not linked', async ({ page, requester, newRequestPage }) => {
  await signInQuickly(page.request, requester);
  const open = await sandbox.createRequest(requester, 'Still open', 'Body');
  await newRequestPage.goto({ followUp: open });
  await expect(page.getByRole('status')).toContainText(`Request #${open} still takes replies, so it needs no follow-up`);
  await expect(page.getByRole('status').getByRole('link', { name: 'reply to it instead' })).toHaveAttribute('href', `/requests/${open}`);
  await expect(newRequestPage.followUpOf()).toHaveCount(0);

  const someoneElse = await sandbox.createEndUser();
  const theirs = await sandbox.createRequest(someoneElse, 'Not yours', 'Body');
  await sandbox.setStatus(theirs, 'closed');
  await newRequestPage.goto({ followUp: theirs });
  await expect(page.getByRole('status')).toHaveText(`We couldn’t find request #${theirs} among your requests, so this new request won’t be linked to it.`);
  await expect(page.getByRole('main')).not.toContainText('Not yours');
  await expect(newRequestPage.followUpOf()).toHaveCount(0);

  // The form still works, unlinked.
  await newRequestPage.create('Unlinked after all', 'Body');
  await expect(page.getByRole('main').getByText(/^Follow-up to/)).toHaveCount(0);
});
