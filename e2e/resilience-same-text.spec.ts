import { expect, sandbox, test } from './fixtures';
import { countComments, countRequests, signInQuickly } from './resilience-helpers';
import { ROUTE } from './dialect';

// The same words are often sent twice on purpose ("Thanks!", "Any news?"). After a failure whose
// outcome is unknown, the retry looks for its own earlier attempt: it must never take an earlier,
// identical reply or request from another form as its own, report it sent, and store nothing.
// Some tests wait out the portal's 3 s help desk time-out.
test.describe.configure({ timeout: 60_000 });

test.describe('the same text sent again from a new form', () => {
  test('a reply whose first attempt was lost is stored, not matched to the earlier identical reply', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const id = await sandbox.createRequest(requester, 'Saying thanks twice', 'Body');
    await requestPage.goto(id);
    await requestPage.sendReply('Thanks!');
    await expect(page.getByText('Your reply was sent.')).toBeVisible();

    // A new form, the same words: the connection breaks before the help desk reads the reply.
    await requestPage.goto(id);
    const { id: fault } = await sandbox.fault({ route: ROUTE.reply, user: requester, kind: 'drop', times: 1 });
    await requestPage.sendReply('Thanks!');
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('Your text is still here.');
    expect(await countComments(id, 'Thanks!')).toBe(1);
    await sandbox.clearFault(fault);

    await requestPage.send().click();
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    expect(await countComments(id, 'Thanks!')).toBe(2);
    await expect(requestPage.messages()).toHaveCount(3);
  });

  test('a reply that timed out but was stored is found as itself: two replies, not three', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const id = await sandbox.createRequest(requester, 'Asking twice', 'Body');
    await requestPage.goto(id);
    await requestPage.sendReply('Any news?');
    await expect(page.getByText('Your reply was sent.')).toBeVisible();

    // The help desk stores the second one at once but answers after the portal gave up.
    await requestPage.goto(id);
    const { id: fault } = await sandbox.fault({ route: ROUTE.reply, user: requester, kind: 'slow', ms: 4_000, times: 1 });
    await requestPage.sendReply('Any news?');
    await expect(page.getByRole('main').getByRole('alert')).toContainText('took too long to answer', { timeout: 15_000 });
    await sandbox.clearFault(fault);

    await requestPage.sendAgainUntilSent();
    expect(await countComments(id, 'Any news?')).toBe(2);
  });

  test('a new request whose first attempt was lost is created, not matched to the earlier identical one', async ({ page, requester, newRequestPage }) => {
    await signInQuickly(page.request, requester);
    await newRequestPage.goto();
    const first = await newRequestPage.create('Printer jammed', 'Again.');

    await newRequestPage.goto();
    const { id: fault } = await sandbox.fault({ route: ROUTE.create, user: requester, kind: 'drop', times: 1 });
    await newRequestPage.subject().fill('Printer jammed');
    await newRequestPage.description().fill('Again.');
    await newRequestPage.submit().click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Your text is still here.');
    await sandbox.clearFault(fault);

    await newRequestPage.submit().click();
    const confirmation = page.getByRole('status').filter({ hasText: /Request #\d+ was submitted/ });
    await expect(confirmation).toBeVisible();
    await expect(confirmation).not.toContainText(`#${first} `);
    expect(await countRequests(requester, 'Printer jammed')).toBe(2);
  });
});
