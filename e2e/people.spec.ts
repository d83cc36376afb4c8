import type { Browser, Page } from '@playwright/test';
import { DIALECT } from './dialect';
import { expect, LoginPage, MyRequestsPage, NewRequestPage, RequestPage, sandbox, test, type EndUser } from './fixtures';

/**
 * Issue 13: CCs and organization requests, in this run's help desk dialect, with and without
 * JavaScript. A customer copies someone in (a bad address is named, nothing typed is lost); the
 * person copied finds it under "Requests I’m copied on" and replies; a colleague in an
 * organization that shares its requests reads it under "My organization", someone of another
 * organization gets a 404. Each list view is one help desk call.
 */

const LIST_ROUTES = {
  ccd: DIALECT === 'v2' ? 'GET /api/v2/requests/ccd' : 'GET /requests/ccd',
  organization: DIALECT === 'v2' ? 'GET /api/v2/organizations/:id/requests' : 'GET /requests/organization',
};

let unique = 0;
const subjectOf = (stem: string) => `${stem} ${Date.now().toString(36)}${process.pid}x${(unique++).toString(36)}`;

/** A page of its own, signed in as `user` (after any organization was set: sign-in learns it). */
async function signedInAs(browser: Browser, user: EndUser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(user);
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  return page;
}

/** Opens a list by its tab, checks its URL, and that the view cost exactly one help desk call. */
async function openList(page: Page, user: EndUser, tab: 'Requests I’m copied on' | 'My organization', view: keyof typeof LIST_ROUTES) {
  const list = new MyRequestsPage(page);
  await list.viewTab(tab).click();
  await page.waitForURL((url) => url.searchParams.get('view') === view);
  await expect(list.viewTab(tab)).toHaveAttribute('aria-current', 'page');
  await sandbox.resetCalls(user);
  await page.reload();
  await expect(list.viewTab(tab)).toHaveAttribute('aria-current', 'page');
  expect(await sandbox.calls(user)).toEqual({ total: 1, byRoute: { [LIST_ROUTES[view]]: 1 } });
  return list;
}

for (const javaScript of [true, false]) {
  test.describe(`CCs and organization requests, ${javaScript ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a bad CC is named and everything typed is kept; the person copied sees the request in their tab and replies', async ({ page, browser, requester, signedIn }) => {
      void signedIn;
      const copied = await sandbox.createEndUser('copied');
      const subject = subjectOf('Projector in room 4');
      const description = 'The projector shows no picture.\nThe cable is new.';
      const form = new NewRequestPage(page);
      await form.goto();
      await form.subject().fill(subject);
      await form.description().fill(description);
      await form.ccs().fill(`${copied.email}, not-an-address`);
      await form.submit().click();
      await expect(page.locator('#ccs-errors')).toHaveText('“not-an-address” is not an email address. Correct it or remove it; the rest of what you typed is kept.');
      await expect(form.ccs()).toHaveAttribute('aria-invalid', 'true');
      await expect(form.subject()).toHaveValue(subject);
      await expect(form.description()).toHaveValue(description);
      await expect(form.ccs()).toHaveValue(`${copied.email}, not-an-address`);

      await form.ccs().fill(copied.email);
      await form.submit().click();
      await page.waitForURL(/\/requests\/\d+\?created=1/);
      const id = /\/requests\/(\d+)/.exec(page.url())![1]!;
      const mine = new RequestPage(page);
      await expect(mine.detail('Copied')).toHaveText(copied.name);

      // The person copied, in their own browser: not in their own list, in their tab; the page names
      // the requester (not "You") and them as copied ("You").
      const theirs = await signedInAs(browser, copied, javaScript);
      await expect(new MyRequestsPage(theirs).titles()).toHaveCount(0);
      await expect(new MyRequestsPage(theirs).viewTab('My organization')).toHaveCount(0);
      const list = await openList(theirs, copied, 'Requests I’m copied on', 'ccd');
      await list.expectTitles([subject]);
      await list.titles().first().click();
      await theirs.waitForURL(new RegExp(`/requests/${id}$`));
      const request = new RequestPage(theirs);
      await expect(request.detail('Requester')).toHaveText(requester.name);
      await expect(request.detail('Copied')).toHaveText('You');
      await expect(theirs.getByText(copied.email)).toHaveCount(0);
      await request.reply().fill('I checked: the cable is fine.');
      await request.send().click();
      await theirs.waitForURL(/replied=1/);
      await expect(request.author(request.messages().last())).toHaveText('You');

      // The requester sees the reply by the copied person's name, never "You".
      await page.goto(`/requests/${id}`);
      await expect(mine.messages().last()).toContainText('I checked: the cable is fine.');
      await expect(mine.author(mine.messages().last())).toHaveText(copied.name);
      await theirs.context().close();
    });

    test('a reply copies someone in; a bad address there keeps the reply', async ({ page, requester, signedIn }) => {
      void signedIn;
      const copied = await sandbox.createEndUser('later');
      const id = await sandbox.createRequest(requester, subjectOf('Badge reader'), 'It beeps red.');
      const request = new RequestPage(page);
      await page.goto(`/requests/${id}`);
      await request.reply().fill('Copying my manager in.');
      await request.ccs().fill('manager@');
      await request.send().click();
      await expect(page.locator('#ccs-errors')).toContainText('“manager@” is not an email address.');
      await expect(request.reply()).toHaveValue('Copying my manager in.');
      await expect(request.ccs()).toHaveValue('manager@');
      await request.ccs().fill(copied.email);
      await request.send().click();
      await page.waitForURL(/replied=1/);
      await expect(request.detail('Copied')).toHaveText(copied.name);
    });

    test('an organization colleague reads a shared request (no reply without shared comments); another organization gets 404', async ({ browser, requester }) => {
      const colleague = await sandbox.createEndUser('colleague');
      const outsider = await sandbox.createEndUser('outsider');
      await sandbox.createOrganization([requester, colleague], { tickets: true, comments: false });
      await sandbox.createOrganization([outsider], { tickets: true, comments: true });
      const subject = subjectOf('Team printer out of toner');
      const id = await sandbox.createRequest(requester, subject, 'Secret toner budget: 42');

      const page = await signedInAs(browser, colleague, javaScript);
      const list = await openList(page, colleague, 'My organization', 'organization');
      await list.expectTitles([subject]);
      // The status tabs keep the view.
      await page.getByRole('navigation', { name: 'Request status' }).getByRole('link', { name: 'All', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('view') === 'organization' && url.searchParams.get('status') === 'all');
      await list.expectTitles([subject]);
      await list.titles().first().click();
      await page.waitForURL(new RegExp(`/requests/${id}$`));
      const request = new RequestPage(page);
      await expect(request.detail('Requester')).toHaveText(requester.name);
      await expect(page.getByText('You can read this request')).toBeVisible();
      await expect(request.reply()).toHaveCount(0);

      const elsewhere = await signedInAs(browser, outsider, javaScript);
      const response = await elsewhere.goto(`/requests/${id}`);
      expect(response?.status()).toBe(404);
      // (Without JavaScript the streamed not-found page is not swapped in: the status is the check there.)
      if (javaScript) await expect(elsewhere.getByRole('heading', { name: 'Request not found' })).toBeVisible();
      expect(await elsewhere.content()).not.toContain('Secret toner budget');
      expect(await elsewhere.content()).not.toContain(subject);
      await elsewhere.goto('/requests?view=organization&status=all');
      await expect(new MyRequestsPage(elsewhere).viewTab('My organization')).toHaveAttribute('aria-current', 'page');
      await expect(elsewhere.getByText(subject)).toHaveCount(0);
      await page.context().close();
      await elsewhere.context().close();
    });
  });
}
