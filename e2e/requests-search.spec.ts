import { DIALECT, ROUTE } from './dialect';
import { expect, MyRequestsPage, sandbox, test, type EndUser } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 13: search, filters and sort on My requests, in this run's help desk dialect, with and
 * without JavaScript. Everything lives in the URL; each list or search view is one help desk call.
 */

let unique = 0;
/** A word no other test uses (one search token: letters and digits). */
const word = (stem: string) => `${stem}${Date.now().toString(36)}${process.pid}x${(unique++).toString(36)}`;

/** A request of `requester` found only by a word of support's public reply, plus words no search may reach. */
async function arrange(requester: EndUser) {
  const replyWord = word('gearbox');
  const noteWord = word('internal');
  const describedWord = word('flange');
  const replied = await sandbox.createRequest(requester, 'Noisy machine', 'It makes a noise when it starts.');
  await sandbox.agentComment(replied, `We will send you a new ${replyWord} tomorrow.`, true);
  await sandbox.agentComment(replied, `Note for staff only: ${noteWord} supplier is late.`, false);
  await sandbox.createRequest(requester, 'Leaking pipe', `The ${describedWord} under the sink leaks. ${'Some more words about it. '.repeat(12)}`);
  // Another customer's request with the same words.
  const other = await sandbox.createEndUser('other');
  await sandbox.createRequest(other, `Other customer's ${replyWord}`, `Also about the ${describedWord} and ${noteWord}.`);
  return { replyWord, noteWord, describedWord };
}

for (const javaScript of [true, false]) {
  test.describe(`search, filters and sort, ${javaScript ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('search finds a request by a word of support’s reply, never another customer’s, never by an internal note', async ({ page, requester, signedIn }) => {
      void signedIn;
      const { replyWord, noteWord, describedWord } = await arrange(requester);
      const list = new MyRequestsPage(page);
      await list.goto();

      await list.search(replyWord);
      await expect(page).toHaveURL(new RegExp(`/requests\\?q=${replyWord}&status=open&sort=updated-desc$`));
      await expect(list.summary()).toHaveText(`1 request matches “${replyWord}”`);
      await list.expectTitles(['Noisy machine']);
      await expect(page).toHaveTitle(new RegExp(`“${replyWord}” in My requests`));
      // Where it matched: the sandbox's classic search quotes the reply; Zendesk's search (v2) says
      // nothing of where, and the reply is not in the subject or description the list has.
      const row = page.getByRole('list', { name: 'My requests' }).getByRole('listitem');
      if (DIALECT === 'classic') await expect(row.locator('mark')).toHaveText(replyWord);
      else await expect(row.locator('mark')).toHaveCount(0);

      // A word of the description: marked in the part of the description that has it, in both dialects.
      await list.search(describedWord);
      await list.expectTitles(['Leaking pipe']);
      const found = page.getByRole('list', { name: 'My requests' }).getByRole('listitem');
      await expect(found.locator('mark')).toHaveText(describedWord);
      await expect(found).toContainText(`Matched text: The ${describedWord} under the sink leaks.`);

      // An internal note's words find nothing; the empty result offers to clear the search.
      await list.search(noteWord);
      await expect(page.getByRole('heading', { name: `No requests match “${noteWord}”` })).toBeVisible();
      await expect(list.summary()).toHaveText(`No requests match “${noteWord}”`);
      await page.getByRole('link', { name: 'Clear the search' }).first().click();
      await expect(page).toHaveURL(/\/requests\?status=open$/);
      await expect(list.searchBox()).toHaveValue('');
      await list.expectTitles(['Leaking pipe', 'Noisy machine']);
    });

    test('filters and sort combine, and survive reload and back', async ({ page, requester, signedIn }) => {
      void signedIn;
      const topic = word('topic');
      const [first, second, third] = ['First', 'Second', 'Third'].map((n) => `${n} ${topic}`) as [string, string, string];
      const firstId = await sandbox.createRequest(requester, first, 'About the topic');
      const secondId = await sandbox.createRequest(requester, second, 'About the topic');
      await sandbox.createRequest(requester, third, 'About the topic');
      await sandbox.setStatus(firstId, 'pending');
      await sandbox.setStatus(secondId, 'solved');
      const list = new MyRequestsPage(page);
      await list.goto();

      await list.search(topic);
      // Open: not yet solved, awaiting a reply included; last update first (the first was updated after the third was made).
      await list.expectTitles([first, third]);
      await expect(list.statusTab('Open')).toHaveAttribute('aria-current', 'page');

      await list.statusTab('Awaiting your reply').click();
      await expect(page).toHaveURL(new RegExp(`\\?q=${topic}&status=pending$`));
      await list.expectTitles([first]);
      await expect(list.searchBox()).toHaveValue(topic);

      await list.statusTab('All').click();
      await list.expectTitles([second, first, third]);
      await list.sortBy().selectOption({ label: 'Created, oldest first' });
      await list.searchButton().click();
      await expect(page).toHaveURL(new RegExp(`\\?q=${topic}&status=all&sort=created-asc$`));
      await list.expectTitles([first, second, third]);

      await page.reload();
      await list.expectTitles([first, second, third]);
      await expect(list.searchBox()).toHaveValue(topic);
      await expect(list.sortBy()).toHaveValue('created-asc');
      await expect(list.statusTab('All')).toHaveAttribute('aria-current', 'page');

      await page.goBack();
      await expect(page).toHaveURL(new RegExp(`\\?q=${topic}&status=all$`));
      await list.expectTitles([second, first, third]);
      await expect(list.sortBy()).toHaveValue('updated-desc');
      await page.goBack();
      await list.expectTitles([first]);
      await expect(list.statusTab('Awaiting your reply')).toHaveAttribute('aria-current', 'page');

      // The filters without a search, from a bookmark-like URL.
      await list.goto('?status=solved&sort=created-desc');
      await expect(list.titles().filter({ hasText: topic })).toHaveText([second]);
      await expect(list.searchBox()).toHaveValue('');
    });
  });
}

test.describe('pages of a search', () => {
  test('changing the order or the search starts at page 1; an impossible page says so and links to page 1 of the same search', async ({ page, requester, signedIn }) => {
    void signedIn;
    const many = word('many');
    for (let i = 1; i <= 17; i++) await sandbox.createRequest(requester, `Item ${i} ${many}`, 'Body');
    const list = new MyRequestsPage(page);
    await list.goto(`?q=${many}&status=all`);
    await expect(list.summary()).toHaveText(`17 requests match “${many}”, page 1 of 2`);
    await expect(list.titles()).toHaveCount(15);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Page 2' }).click();
    await expect(page).toHaveURL(new RegExp(`\\?q=${many}&status=all&page=2$`));
    await list.expectTitles([`Item 2 ${many}`, `Item 1 ${many}`]);

    await list.sortBy().selectOption({ label: 'Created, oldest first' });
    await list.searchButton().click();
    await expect(page).toHaveURL(new RegExp(`\\?q=${many}&status=all&sort=created-asc$`));
    await expect(list.summary()).toHaveText(`17 requests match “${many}”, page 1 of 2`);
    await expect(list.titles().first()).toHaveText(`Item 1 ${many}`);

    for (const [asked, shown] of [['abc', 'abc'], ['0', '0'], ['3', '3']]) {
      await sandbox.resetCalls(requester);
      await list.goto(`?q=${many}&status=all&sort=created-asc&page=${asked}`);
      await expect(page.getByText(`There is no page “${shown}” of these requests.`)).toBeVisible();
      const firstPage = page.getByRole('link', { name: 'Go to the first page' });
      await expect(firstPage).toHaveAttribute('href', `/requests?q=${many}&status=all&sort=created-asc`);
      // Only a page that might exist is asked for: "abc" and "0" cost no help desk call.
      expect((await sandbox.calls(requester)).total, asked).toBe(asked === '3' ? 1 : 0);
    }
    await page.getByRole('link', { name: 'Go to the first page' }).click();
    await expect(list.titles()).toHaveCount(15);
  });

  test('a search too long to send says so, keeps the text, and asks the help desk nothing', async ({ page, requester, signedIn }) => {
    void signedIn;
    const list = new MyRequestsPage(page);
    await list.goto();
    const long = `${'word '.repeat(41)}end`;
    await sandbox.resetCalls(requester);
    await list.search(long);
    await expect(page.getByText(`Search for at most 200 characters; this has ${long.length}.`)).toBeVisible();
    await expect(list.searchBox()).toHaveValue(long);
    await expect(list.searchBox()).toHaveAttribute('aria-invalid', 'true');
    expect((await sandbox.calls(requester)).total).toBe(0);
  });
});

test.describe('one help desk call per list and per search view', () => {
  test(`lists, searches and their pages each make one ${DIALECT} call`, async ({ page, requester, signedIn }) => {
    void signedIn;
    const topic = word('counted');
    for (let i = 0; i < 16; i++) await sandbox.createRequest(requester, `Counted ${i} ${topic}`, 'Body');
    const views: [string, string][] = [
      ['/requests', ROUTE.list],
      ['/requests?status=pending&sort=created-asc', ROUTE.list],
      [`/requests?q=${topic}&status=all`, ROUTE.search],
      [`/requests?q=${topic}&status=all&sort=updated-asc&page=2`, ROUTE.search],
      [`/requests?q=${topic}&status=solved`, ROUTE.search],
    ];
    for (const [path, route] of views) await expectOneCall(page, requester, path, route);
  });
});

async function expectOneCall(page: Page, requester: EndUser, path: string, route: string) {
  await sandbox.resetCalls(requester);
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  const calls = await sandbox.calls(requester);
  expect(calls.byRoute, path).toEqual({ [route]: 1 });
  expect(calls.total, path).toBe(1);
}
