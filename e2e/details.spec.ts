import { expect, RequestPage, sandbox, test } from './fixtures';
import { REQUEST_PAGE_CALLS, ROUTE } from './dialect';
import { signInQuickly } from './resilience-helpers';

/**
 * The request page's details panel, its title, the list's awaiting-your-reply mark, and what they
 * cost: the same help desk calls per page view as before they existed.
 */

/** The exact moment as the page writes it, in a time zone (app/ui/exact-time.ts's options). */
const exactIn = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone }).format(new Date(iso));

test.describe('the details panel', () => {
  test.use({ timezoneId: 'UTC' });

  test('number, status, created and updated written out, and who asked', async ({ requester, signedIn, requestPage }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Printer on fire', 'It is really on fire');
    await sandbox.setStatus(id, 'pending');
    await requestPage.goto(id);
    await expect(requestPage.details()).toBeVisible();
    await expect(requestPage.detail('Number')).toHaveText(`#${id}`);
    await expect(requestPage.detail('Status')).toHaveText('Awaiting your reply');
    await expect(requestPage.detail('Requester')).toHaveText('You');
    for (const label of ['Created', 'Updated']) {
      const time = requestPage.detail(label).locator('time');
      const iso = (await time.getAttribute('datetime'))!;
      expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      // Visible, not only in a hover title: "Nov 30, 2026, 2:04 AM UTC (just now)".
      await expect(time).toHaveText(exactIn(iso, 'UTC'));
      await expect(time).toBeVisible();
      await expect(requestPage.detail(label)).toContainText(/\((just now|\d+ (second|minute)s? ago)\)/);
    }
    // No type or priority until the help desk has one.
    await expect(requestPage.details().getByRole('term')).toHaveText(['Number', 'Status', 'Created', 'Updated', 'Requester']);
  });

  test('type and priority where the help desk shows them', async ({ requester, signedIn, requestPage }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Typed request', 'Body');
    await sandbox.setDetails(id, { type: 'incident', priority: 'high' });
    await requestPage.goto(id);
    await expect(requestPage.detail('Type')).toHaveText('Incident');
    await expect(requestPage.detail('Priority')).toHaveText('High');
  });

  test.describe('in the customer’s time zone', () => {
    test.use({ timezoneId: 'Asia/Tokyo' });

    test('with JavaScript the exact times are the browser’s zone, named', async ({ requester, signedIn, requestPage }) => {
      void signedIn;
      const id = await sandbox.createRequest(requester, 'Tokyo time', 'Body');
      await sandbox.agentComment(id, 'An answer', true);
      await requestPage.goto(id);
      const created = requestPage.detail('Created').locator('time');
      const iso = (await created.getAttribute('datetime'))!;
      await expect(created).toHaveText(exactIn(iso, 'Asia/Tokyo'));
      await expect(created).toContainText('GMT+9');
      // The conversation's times too, in the line and in the hover title.
      const commented = requestPage.messages().nth(1).locator('time');
      const commentIso = (await commented.getAttribute('datetime'))!;
      await expect(commented).toContainText(`(${exactIn(commentIso, 'Asia/Tokyo')})`);
      await expect(commented).toHaveAttribute('title', exactIn(commentIso, 'Asia/Tokyo'));
    });

    test('without JavaScript the server cannot know the zone, and says UTC', async ({ browser, requester }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: 'Asia/Tokyo', baseURL: test.info().project.use.baseURL });
      const page = await context.newPage();
      await signInQuickly(page.request, requester);
      const id = await sandbox.createRequest(requester, 'No script, no zone', 'Body');
      await page.goto(`/requests/${id}`);
      const created = new RequestPage(page).detail('Created').locator('time');
      await expect(created).toHaveText(exactIn((await created.getAttribute('datetime'))!, 'UTC'));
      await expect(created).toContainText('UTC');
      await context.close();
    });
  });
});

test.describe('the page title and what a page view costs', () => {
  test('the title names the subject, opened directly or from the list, with the same help desk calls as before', async ({ page, requester, signedIn }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Printer on fire', 'It is really on fire');
    await sandbox.resetCalls(requester);
    await page.goto(`/requests/${id}`);
    await expect(page).toHaveTitle('Printer on fire · Support');
    await page.waitForLoadState('networkidle');
    expect((await sandbox.calls(requester)).byRoute).toEqual(REQUEST_PAGE_CALLS);

    // The list prefetches its rows' pages in view: that costs no help desk call, and the click
    // that opens one costs exactly the page's own.
    await page.goto('/requests');
    await page.waitForLoadState('networkidle');
    await sandbox.resetCalls(requester);
    await page.getByRole('link', { name: 'Printer on fire' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Printer on fire' })).toBeVisible();
    await expect(page).toHaveTitle('Printer on fire · Support');
    await page.waitForLoadState('networkidle');
    expect((await sandbox.calls(requester)).byRoute).toEqual(REQUEST_PAGE_CALLS);

    await sandbox.resetCalls(requester);
    await page.goto('/requests');
    await page.waitForLoadState('networkidle');
    expect((await sandbox.calls(requester)).byRoute).toEqual({ [ROUTE.list]: 1 });
  });

  test('a request without a subject is titled by its first line', async ({ page, requester, signedIn }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, '', 'The VPN drops at noon\nevery day');
    await page.goto(`/requests/${id}`);
    await expect(page).toHaveTitle('The VPN drops at noon · Support');
  });
});

test.describe('the list marks requests awaiting your reply', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`in words, on the row and with its link${javaScriptEnabled ? '' : ', without JavaScript'}`, async ({ browser, requester }) => {
      const context = await browser.newContext({ javaScriptEnabled, baseURL: test.info().project.use.baseURL });
      const page = await context.newPage();
      const waiting = await sandbox.createRequest(requester, 'Waiting on me', 'Body');
      await sandbox.setStatus(waiting, 'pending');
      await sandbox.createRequest(requester, 'Waiting on them', 'Body');
      await signInQuickly(page.request, requester);
      await page.goto('/requests');
      const mine = page.getByRole('link', { name: 'Waiting on me' });
      await expect(mine).toHaveAccessibleDescription('Awaiting your reply');
      await expect(page.getByRole('listitem').filter({ has: mine })).toContainText('Awaiting your reply');
      await expect(page.getByRole('link', { name: 'Waiting on them' })).toHaveAccessibleDescription('');
      await context.close();
    });
  }
});
