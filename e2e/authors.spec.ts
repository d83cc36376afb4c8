import { expect, sandbox, test } from './fixtures';
import { OBO_PORTAL_URL, PORTAL_URL } from './ports';
import { createEndUserNamed, signInQuickly } from './resilience-helpers';

/**
 * Who answered: every comment names its author, agents carry a badge (the catalog's "Agent", or
 * the company's name from PORTAL_COMPANY_NAME) and an avatar (their photo, streamed through the
 * portal, else initials), and the customer's own comments say "You".
 */

// A 2×2 PNG, red: small enough to write here, a real image to decode.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
  'base64',
);

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('agents by name with the Agent badge and initials; your own comments say "You"', async ({ page, requestPage }) => {
      const customer = await createEndUserNamed('Zoë Customer');
      const agent = await sandbox.createAgent('Ann Marie Agent');
      await signInQuickly(page.request, customer);
      const id = await sandbox.createRequest(customer, 'Who answered', 'My printer is on fire');
      await sandbox.agentReply(agent, id, 'I am on it.');
      await requestPage.goto(id);
      const [mine, theirs] = [requestPage.messages().nth(0), requestPage.messages().nth(1)];

      await expect(requestPage.author(mine)).toHaveText('You');
      await expect(mine.getByText('Agent', { exact: true })).toHaveCount(0);
      await expect(requestPage.avatar(mine)).toHaveAttribute('data-avatar', 'initials');
      await expect(requestPage.avatar(mine)).toHaveText('ZC');

      await expect(requestPage.author(theirs)).toHaveText('Ann Marie Agent');
      await expect(theirs.getByText('Agent', { exact: true })).toBeVisible();
      await expect(requestPage.avatar(theirs)).toHaveAttribute('data-avatar', 'initials');
      await expect(requestPage.avatar(theirs)).toHaveText('AA');
      // Decorative: the name is beside it, so a screen reader hears the name once.
      await expect(requestPage.avatar(theirs)).toHaveAttribute('aria-hidden', 'true');
    });
  });
}

test('an agent’s photo is streamed through the portal, as an image only, to the people on that request', async ({ page, browser, requester, requestPage }) => {
  const agent = await sandbox.createAgent('Pat Photo');
  await sandbox.setUserPhoto(agent.id, { name: 'photo.png', type: 'image/png', bytes: PNG });
  await signInQuickly(page.request, requester);
  const id = await sandbox.createRequest(requester, 'With a photo', 'Body');
  await sandbox.agentReply(agent, id, 'Hello from Pat.');
  await requestPage.goto(id);
  const theirs = requestPage.messages().nth(1);
  await expect(requestPage.author(theirs)).toHaveText('Pat Photo');
  await expect(requestPage.avatar(theirs)).toHaveAttribute('data-avatar', 'photo');
  const photo = requestPage.avatar(theirs).locator('img');
  const src = (await photo.getAttribute('src'))!;
  // The portal's own address, never the help desk's.
  expect(src).toBe(`/requests/${id}/people/${agent.id}/photo`);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);

  const answer = await page.request.get(src);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('image/png');
  expect(answer.headers()['x-content-type-options']).toBe('nosniff');
  expect(answer.headers()['cache-control']).toMatch(/^private\b/);
  expect(Buffer.from(await answer.body()).equals(PNG)).toBe(true);

  // Someone on no request of this customer's, and this photo on another customer's page: the same 404.
  const stranger = await sandbox.createAgent('Not On It');
  await sandbox.setUserPhoto(stranger.id, { name: 'photo.png', type: 'image/png', bytes: PNG });
  expect((await page.request.get(`/requests/${id}/people/${stranger.id}/photo`)).status()).toBe(404);
  expect((await page.request.get(`/requests/${id}/people/not-a-number/photo`)).status()).toBe(404);
  const other = await browser.newContext({ baseURL: PORTAL_URL });
  const someoneElse = await sandbox.createEndUser();
  await signInQuickly(other.request, someoneElse);
  expect((await other.request.get(src)).status()).toBe(404);
  const theirOwn = await sandbox.createRequest(someoneElse, 'Their own', 'Body');
  expect((await other.request.get(`/requests/${theirOwn}/people/${agent.id}/photo`)).status()).toBe(404);
  await other.close();
});

test('a photo that is not a plain image is never served, and the initials show', async ({ page, requester, requestPage }) => {
  const agent = await sandbox.createAgent('Sly Vector');
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await sandbox.setUserPhoto(agent.id, { name: 'photo.svg', type: 'image/svg+xml', bytes: svg });
  await signInQuickly(page.request, requester);
  const id = await sandbox.createRequest(requester, 'Vector photo', 'Body');
  await sandbox.agentReply(agent, id, 'Hi.');
  await requestPage.goto(id);
  const theirs = requestPage.messages().nth(1);
  const answer = await page.request.get(`/requests/${id}/people/${agent.id}/photo`);
  expect(answer.status()).toBe(404);
  expect(await answer.text()).not.toContain('<svg');
  await expect(requestPage.avatar(theirs)).toHaveText('SV');
  await expect(requestPage.avatar(theirs)).toBeVisible();
});

test.describe('with the company’s name', () => {
  // The on-behalf-of portal runs with PORTAL_COMPANY_NAME (playwright.config.ts).
  test.use({ baseURL: OBO_PORTAL_URL });

  test('agents’ badge is the company’s name instead of "Agent"', async ({ page, requester, requestPage }) => {
    const agent = await sandbox.createAgent('Ann Agent');
    await signInQuickly(page.request, requester, OBO_PORTAL_URL);
    const id = await sandbox.createRequest(requester, 'Branded badge', 'Body');
    await sandbox.agentReply(agent, id, 'Hello.');
    await requestPage.goto(id);
    const theirs = requestPage.messages().nth(1);
    await expect(theirs.getByText('Acme Support', { exact: true })).toBeVisible();
    await expect(theirs.getByText('Agent', { exact: true })).toHaveCount(0);
  });
});
