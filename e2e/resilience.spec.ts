import { expect, LoginPage, sandbox, test } from './fixtures';
import { PORTAL_URL } from './ports';
import { countComments, countRequests, hiddenFields, postForm, redirectedTo, signInQuickly } from './resilience-helpers';
import { SESSION_COOKIE_NAME } from '../lib/session/cookie';
import { ROUTE } from './dialect';

// Nothing lost: drafts survive a reload, an ended session and an outage. Nothing created twice:
// a double submit, a replayed post and a resubmit after a time-out all yield the same request.
// Each test is a whole story (type, fail, reload, sign in again, retry), some with a 3 s time-out.
test.describe.configure({ timeout: 60_000 });

const restoredNote = (page: import('@playwright/test').Page) => page.getByRole('status').filter({ hasText: 'We kept your unsent text' });
const LONG_TEXT = 'A long message, written while things were already going wrong.\n\n'.repeat(20) + 'Steps: 1) open 2) click 3) 💥';

test.describe('drafts', () => {
  test('a new request’s draft survives a reload and goes once the help desk has it', async ({ page, requester, newRequestPage }) => {
    await signInQuickly(page.request, requester);
    await newRequestPage.goto();
    await newRequestPage.subject().fill('Draft survives a reload');
    await newRequestPage.description().fill(LONG_TEXT);
    await page.reload();
    await expect(newRequestPage.subject()).toHaveValue('Draft survives a reload');
    await expect(newRequestPage.description()).toHaveValue(LONG_TEXT);
    await expect(restoredNote(page)).toBeVisible();

    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
    await newRequestPage.goto();
    await expect(newRequestPage.subject()).toHaveValue('');
    await expect(newRequestPage.description()).toHaveValue('');
    await expect(restoredNote(page)).toHaveCount(0);
  });

  test('a reply’s draft is kept per request, survives a reload, and goes once sent', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const first = await sandbox.createRequest(requester, 'First', 'One');
    const second = await sandbox.createRequest(requester, 'Second', 'Two');
    await requestPage.goto(first);
    await requestPage.reply().fill('Reply meant for the first request');
    await requestPage.goto(second);
    await expect(requestPage.reply()).toHaveValue('');
    await requestPage.goto(first);
    await expect(requestPage.reply()).toHaveValue('Reply meant for the first request');
    await requestPage.send().click();
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    await expect(requestPage.reply()).toHaveValue('');
    await page.reload();
    await expect(requestPage.reply()).toHaveValue('');
  });

  test('when the session cookie is gone, the form says so and the text is back after logging in again', async ({ page, context, requester, newRequestPage }) => {
    await signInQuickly(page.request, requester);
    await newRequestPage.goto();
    await newRequestPage.subject().fill('Written during a long lunch');
    await newRequestPage.description().fill(LONG_TEXT);
    // The session ends while the form is open: the browser dropped the expired cookie.
    await context.clearCookies();
    await newRequestPage.submit().click();
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('Your request was not sent');
    await expect(alert).toContainText('Your text is kept in this browser');
    await alert.getByRole('link', { name: 'log in again' }).click();
    await new LoginPage(page).logIn(requester);
    await expect(page).toHaveURL(/\/requests\/new$/);
    await expect(newRequestPage.subject()).toHaveValue('Written during a long lunch');
    await expect(newRequestPage.description()).toHaveValue(LONG_TEXT);
    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
    expect(await countRequests(requester, 'Written during a long lunch')).toBe(1);
  });

  test('when the session has expired but its cookie is still sent, the reply stays in the box and comes back after logging in', async ({ page, context, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const id = await sandbox.createRequest(requester, 'Expired mid-reply', 'Body');
    await requestPage.goto(id);
    await requestPage.reply().fill('A reply typed slowly');
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE_NAME)!;
    await context.addCookies([{ ...cookie, value: `${cookie.value.slice(0, -8)}AAAAAAAA` }]);
    await requestPage.send().click();
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('Your session has ended. Your text is still here.');
    await expect(requestPage.reply()).toHaveValue('A reply typed slowly');
    await alert.getByRole('link', { name: 'Log in again' }).click();
    await new LoginPage(page).logIn(requester);
    await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));
    await expect(requestPage.reply()).toHaveValue('A reply typed slowly');
    await requestPage.send().click();
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    expect(await countComments(id, 'A reply typed slowly')).toBe(1);
  });

  test('drafts belong to one user: another user on the same browser never sees them', async ({ page, context, requester, newRequestPage }) => {
    await signInQuickly(page.request, requester);
    await newRequestPage.goto();
    await newRequestPage.description().fill('Only for the first user');
    await context.clearCookies();
    const other = await sandbox.createEndUser('sharer');
    const login = new LoginPage(page);
    await login.goto('/requests/new');
    await login.logIn(other);
    await expect(page.getByRole('heading', { name: 'New request' })).toBeVisible();
    await expect(newRequestPage.description()).toHaveValue('');
  });
});

test.describe('nothing created twice', () => {
  test('a double submit of the same form creates one request, and both answers lead to it', async ({ page, requester }) => {
    await signInQuickly(page.request, requester);
    const html = await (await page.request.get('/requests/new')).text();
    const fields = { ...hiddenFields(html, 'subject'), subject: 'Double-clicked', description: 'Sent twice at once' };
    const [a, b] = await Promise.all([
      postForm(page.request, '/requests/new', fields, { Origin: PORTAL_URL }),
      postForm(page.request, '/requests/new', fields, { Origin: PORTAL_URL }),
    ]);
    expect(redirectedTo(a)).toMatch(/^\/requests\/\d+\?created=1$/);
    expect(redirectedTo(b)).toBe(redirectedTo(a));
    expect(await countRequests(requester, 'Double-clicked')).toBe(1);

    // A browser retrying the same post later gets the same answer, and the help desk no new request.
    await sandbox.resetCalls(requester);
    const retry = await postForm(page.request, '/requests/new', fields, { Origin: PORTAL_URL });
    expect(redirectedTo(retry)).toBe(redirectedTo(a));
    expect((await sandbox.calls(requester)).byRoute[ROUTE.create]).toBeUndefined();
  });

  test('a double submit of a reply adds one comment', async ({ page, requester }) => {
    await signInQuickly(page.request, requester);
    const id = await sandbox.createRequest(requester, 'Reply twice', 'Body');
    const html = await (await page.request.get(`/requests/${id}`)).text();
    const fields = { ...hiddenFields(html, 'body'), body: 'Only once, please' };
    const answers = await Promise.all([1, 2, 3].map(() => postForm(page.request, `/requests/${id}`, fields, { Origin: PORTAL_URL })));
    for (const answer of answers) expect(redirectedTo(answer)).toBe(`/requests/${id}?replied=1#latest`);
    expect(await countComments(id, 'Only once, please')).toBe(1);
  });

  test('resubmitting after a time-out yields the request the help desk saved anyway, not a second one', async ({ page, requester, newRequestPage }) => {
    await signInQuickly(page.request, requester);
    // The help desk saves the request at once but answers after 4 s; the portal gives up after 3 s.
    const { id: fault } = await sandbox.fault({ route: ROUTE.create, user: requester, kind: 'slow', ms: 4_000 });
    await newRequestPage.goto();
    await newRequestPage.subject().fill('Slow help desk');
    await newRequestPage.description().fill(LONG_TEXT);
    await newRequestPage.submit().click();
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('took too long to answer', { timeout: 15_000 });
    await expect(alert).toContainText('Your text is still here.');
    expect(await countRequests(requester, 'Slow help desk')).toBe(1);
    await sandbox.clearFault(fault);

    // After a reload (a new page: the draft and its token are restored), the retry finds it.
    await page.reload();
    await expect(newRequestPage.description()).toHaveValue(LONG_TEXT);
    await sandbox.resetCalls(requester);
    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
    expect(await countRequests(requester, 'Slow help desk')).toBe(1);
    expect((await sandbox.calls(requester)).byRoute[ROUTE.create]).toBeUndefined();
  });

  test('resubmitting at once after a time-out sends nothing while the first attempt may still land', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const id = await sandbox.createRequest(requester, 'Slow reply', 'Body');
    // This time the help desk never gets the reply: the portal gives up before it is even read.
    const { id: fault } = await sandbox.fault({ route: ROUTE.reply, user: requester, kind: 'delay', ms: 4_000, times: 1 });
    await requestPage.goto(id);
    await requestPage.sendReply('Are you there?');
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('took too long to answer', { timeout: 15_000 });
    await requestPage.send().click();
    await expect(alert).toContainText('may still be arriving');
    await sandbox.clearFault(fault);
    // A few seconds later it has not arrived, so it is sent, once.
    await requestPage.sendAgainUntilSent();
    expect(await countComments(id, 'Are you there?')).toBe(1);
  });

  test('the same form sent again with edited text is a new request, not the earlier one', async ({ page, requester }) => {
    await signInQuickly(page.request, requester);
    const html = await (await page.request.get('/requests/new')).text();
    const hidden = hiddenFields(html, 'subject');
    const first = await postForm(page.request, '/requests/new', { ...hidden, subject: 'Version one', description: 'x' }, { Origin: PORTAL_URL });
    const second = await postForm(page.request, '/requests/new', { ...hidden, subject: 'Version two', description: 'x' }, { Origin: PORTAL_URL });
    expect(redirectedTo(first)).not.toBe(redirectedTo(second));
    expect(await countRequests(requester, 'Version one')).toBe(1);
    expect(await countRequests(requester, 'Version two')).toBe(1);
  });
});

test.describe('oversized input', () => {
  test('a 2 MB post is refused before it is read whole, creates nothing, and the portal carries on', async ({ page, requester }) => {
    await signInQuickly(page.request, requester);
    const html = await (await page.request.get('/requests/new')).text();
    await sandbox.resetCalls(requester);
    const response = await postForm(page.request, '/requests/new', { ...hiddenFields(html, 'subject'), subject: 'Huge', description: 'x'.repeat(2 * 1024 * 1024) }, { Origin: PORTAL_URL });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect((await sandbox.calls(requester)).total).toBe(0);
    expect((await page.request.get('/healthz')).status()).toBe(200);
    await page.goto('/requests');
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  });

  test('pasting megabytes into the form says it is too long and keeps the text, sending nothing', async ({ page, requester, newRequestPage }) => {
    await signInQuickly(page.request, requester);
    await newRequestPage.goto();
    const huge = 'All the logs. '.repeat(100_000);
    await newRequestPage.subject().fill('Too much');
    await newRequestPage.description().fill(huge);
    await sandbox.resetCalls(requester);
    await newRequestPage.submit().click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('far too long to send');
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Your text is still here');
    expect(await newRequestPage.description().evaluate((el: HTMLTextAreaElement) => el.value.length)).toBe(huge.length);
    expect((await sandbox.calls(requester)).total).toBe(0);
  });
});

