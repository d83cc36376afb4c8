import type { Locator, Page } from '@playwright/test';
import { expect, LoginPage, sandbox, test, type EndUser } from './fixtures';
import { PORTAL_URL } from './ports';
import { countComments, countRequests, signInQuickly } from './resilience-helpers';
import { ROUTE } from './dialect';

/**
 * Every help desk failure the sandbox can inject, on every flow: sign-in, the list, one request,
 * creating one, replying. Each test asserts the plain words the user sees, that a read recovers by
 * itself once the fault clears, and for writes that the text stays in the form and in the draft
 * and that the help desk ends up with it exactly once. The faults name the test's own user, so
 * the tests run in parallel with everything else.
 */

// A test may wait out a 3 s time-out, and a retry the few seconds a late write could still land.
test.describe.configure({ timeout: 60_000 });

type FaultRule = Omit<Parameters<typeof sandbox.fault>[0], 'route' | 'user'>;
interface Fault {
  name: string;
  rule: FaultRule;
  /** What a read (or sign-in) says. */
  read: RegExp;
  /** What a write says, besides "Your text is still here." */
  write: RegExp;
  slow?: boolean;
}

const NOT_ANSWERING = /The help desk is not answering right now/;
const FAULTS: Fault[] = [
  { name: 'times out (it saves the write, but answers after 4 s)', rule: { kind: 'slow', ms: 4_000 }, read: /taking too long/, write: /took too long to answer/, slow: true },
  { name: 'times out (it never gets the write)', rule: { kind: 'delay', ms: 4_000 }, read: /taking too long/, write: /took too long to answer/, slow: true },
  { name: 'answers 500', rule: { kind: 'status', status: 500 }, read: NOT_ANSWERING, write: NOT_ANSWERING },
  { name: 'answers 502', rule: { kind: 'status', status: 502 }, read: NOT_ANSWERING, write: NOT_ANSWERING },
  { name: 'answers 503', rule: { kind: 'status', status: 503 }, read: NOT_ANSWERING, write: NOT_ANSWERING },
  { name: 'answers 429 with a long Retry-After', rule: { kind: 'status', status: 429, retryAfter: 120 }, read: /busy right now/, write: /busy right now.*wait about 2 minutes/ },
  { name: 'answers malformed XML', rule: { kind: 'malformed' }, read: /answer we could not read/, write: /answer we could not read/ },
  { name: 'answers an HTML error page', rule: { kind: 'html' }, read: NOT_ANSWERING, write: NOT_ANSWERING },
  { name: 'drops the connection', rule: { kind: 'drop' }, read: NOT_ANSWERING, write: NOT_ANSWERING },
];
// Reads time out the same way whether or not the help desk would have answered later.
const READ_FAULTS = FAULTS.filter((f) => f.rule.kind !== 'slow');

const SLOW = { timeout: 15_000 };
const alertIn = (page: Page) => page.getByRole('main').getByRole('alert');

test.afterAll(async () => {
  // The portal process lived through all of it.
  expect((await fetch(`${PORTAL_URL}/healthz`)).status).toBe(200);
});

/**
 * Presses the button again until the confirmation shows, as a customer would: after a time-out the
 * portal may first say the earlier attempt could still be arriving, and ask to try again shortly.
 */
async function sendUntil(button: Locator, confirmation: Locator) {
  await expect(async () => {
    if (!(await confirmation.isVisible())) await button.click({ timeout: 2_000 });
    await expect(confirmation).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000, intervals: [1_000] });
}

async function faulted(route: string, user: EndUser, fault: Fault) {
  return (await sandbox.fault({ route, user, ...fault.rule })).id;
}

for (const fault of READ_FAULTS) {
  test.describe(`when the help desk ${fault.name}`, () => {
    test(`sign-in says so in plain words, keeps the email, and works once the help desk is back`, async ({ page, requester }) => {
      const id = await faulted(ROUTE.me, requester, fault);
      const login = new LoginPage(page);
      await login.goto();
      await login.logIn(requester);
      await expect(alertIn(page)).toContainText(fault.read, SLOW);
      await expect(alertIn(page)).not.toContainText('don’t match');
      await expect(login.email()).toHaveValue(requester.email);
      await sandbox.clearFault(id);
      await login.password().fill(requester.password);
      await login.submit().click();
      await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    });

    test(`the list says so in plain words and recovers once the help desk is back`, async ({ page, requester }) => {
      await signInQuickly(page.request, requester);
      await sandbox.createRequest(requester, 'Listed after the outage', 'Body');
      const id = await faulted(ROUTE.list, requester, fault);
      await page.goto('/requests');
      await expect(alertIn(page)).toContainText('We couldn’t reach your support requests', SLOW);
      await expect(alertIn(page)).toContainText(fault.read);
      await sandbox.clearFault(id);
      await page.getByRole('link', { name: 'Try again' }).click();
      await expect(page.getByRole('link', { name: 'Listed after the outage' })).toBeVisible();
    });

    test(`a request’s page says so in plain words and recovers once the help desk is back`, async ({ page, requester }) => {
      await signInQuickly(page.request, requester);
      const request = await sandbox.createRequest(requester, 'Opened after the outage', 'Body');
      const id = await faulted(ROUTE.show, requester, fault);
      await page.goto(`/requests/${request}`);
      await expect(alertIn(page)).toContainText('We couldn’t reach your support requests', SLOW);
      await expect(alertIn(page)).toContainText(fault.read);
      await sandbox.clearFault(id);
      await page.getByRole('link', { name: 'Try again' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Opened after the outage' })).toBeVisible();
    });
  });
}

for (const fault of FAULTS) {
  test.describe(`when the help desk ${fault.name}`, () => {
    test(`creating a request says so, keeps the text and the draft, and files it once`, async ({ page, requester, newRequestPage }) => {
      await signInQuickly(page.request, requester);
      const subject = `Created despite: ${fault.name}`;
      const description = `Everything I typed\nwhile the help desk ${fault.name}.\n\n— keep it all`;
      const id = await faulted(ROUTE.create, requester, fault);
      await newRequestPage.goto();
      await newRequestPage.subject().fill(subject);
      await newRequestPage.description().fill(description);
      await newRequestPage.submit().click();
      await expect(alertIn(page)).toContainText(fault.write, SLOW);
      await expect(alertIn(page)).toContainText('Your text is still here.');
      await expect(newRequestPage.subject()).toHaveValue(subject);
      await expect(newRequestPage.description()).toHaveValue(description);
      await page.reload();
      await expect(newRequestPage.subject()).toHaveValue(subject, SLOW);
      await expect(newRequestPage.description()).toHaveValue(description);

      await sandbox.clearFault(id);
      await sendUntil(newRequestPage.submit(), page.getByRole('status').filter({ hasText: /was submitted/ }));
      expect(await countRequests(requester, subject)).toBe(1);
      await newRequestPage.goto();
      await expect(newRequestPage.description()).toHaveValue('');
    });

    test(`replying says so, keeps the text and the draft, and adds it once`, async ({ page, requester, requestPage }) => {
      await signInQuickly(page.request, requester);
      const request = await sandbox.createRequest(requester, 'Replied to under fire', 'Body');
      const body = `My reply while the help desk ${fault.name}.\nSecond line.`;
      const id = await faulted(ROUTE.reply, requester, fault);
      await requestPage.goto(request);
      await requestPage.sendReply(body);
      await expect(alertIn(page)).toContainText(fault.write, SLOW);
      await expect(alertIn(page)).toContainText('Your text is still here.');
      await expect(requestPage.reply()).toHaveValue(body);
      await page.reload();
      await expect(requestPage.reply()).toHaveValue(body, SLOW);

      await sandbox.clearFault(id);
      await sendUntil(requestPage.send(), page.getByText('Your reply was sent.'));
      expect(await countComments(request, body)).toBe(1);
      await expect(requestPage.reply()).toHaveValue('');
    });
  });
}
