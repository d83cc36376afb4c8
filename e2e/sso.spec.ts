import { expect, sandbox, test } from './fixtures';
import { hostUrl, portalFrame, ssoToken, unsignedToken } from './embed-host';
import { EMBED_PORTAL_URL, PORTAL_URL } from './ports';
import { createEndUserNamed } from './resilience-helpers';
import { EMBEDDED_SESSION_COOKIE_NAME } from '../lib/session/cookie';
import { ROUTE } from './dialect';

// Single sign-on from the company's site: its server signs a short-lived JWT for the customer
// signed in there, and the embed script hands it to the portal's /sso.

const now = () => Math.floor(Date.now() / 1000);
const setCookies = (headers: { name: string; value: string }[]) => headers.filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);

test('a valid token signs the customer in inside the frame and opens return_to', async ({ page, context, requester }) => {
  test.slow();
  const jwt = await ssoToken({ email: requester.email, name: requester.name, external_id: 'acme-42', return_to: '/requests/new' });
  await page.goto(hostUrl({ jwt }));
  const frame = portalFrame(page);
  await expect(frame.getByRole('heading', { name: 'New request' })).toBeVisible();
  await expect(frame.getByRole('navigation', { name: 'Main' })).toContainText(requester.name);
  const session = (await context.cookies(EMBED_PORTAL_URL)).find((c) => c.name === EMBEDDED_SESSION_COOKIE_NAME);
  expect(session).toMatchObject({ sameSite: 'None', secure: true });

  // The session works like any other (on behalf of the customer, through the portal's agent).
  await sandbox.resetCalls(requester);
  await frame.getByLabel('Subject').fill('Signed in by my company');
  await frame.getByLabel('Description').fill('No second sign-in needed');
  await frame.getByRole('button', { name: 'Submit request' }).click();
  await expect(frame.getByRole('status').filter({ hasText: /Request #\d+ was submitted/ })).toBeVisible();
  expect((await sandbox.calls(requester)).byRoute[ROUTE.create]).toBe(1);
});

test('the SSO answer sets the partitioned session cookie and goes only to the portal’s own paths', async ({ playwright, requester }) => {
  const api = await playwright.request.newContext({ baseURL: EMBED_PORTAL_URL, maxRedirects: 0 });
  const res = await api.get(`/sso?jwt=${await ssoToken({ email: requester.email, return_to: 'https://evil.example/phish' })}`);
  expect(res.status()).toBe(303);
  expect(res.headers()['location']).toBe('/requests');
  expect(res.headers()['referrer-policy']).toBe('no-referrer');
  const session = setCookies(res.headersArray()).find((c) => c.startsWith(`${EMBEDDED_SESSION_COOKIE_NAME}=`));
  expect(session).toMatch(/;\s*SameSite=None/i);
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*Partitioned/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  await api.dispose();
});

interface Refusal {
  name: string;
  token: (email: string) => Promise<string> | string;
  status: number;
  says: string;
}

const refusals: Refusal[] = [
  { name: 'an expired', token: (email) => ssoToken({ email }, { issuedAt: now() - 300 - 60 }), status: 401, says: 'the sign-in link has expired' },
  { name: 'a future-dated', token: (email) => ssoToken({ email }, { issuedAt: now() + 600 }), status: 401, says: 'the sign-in link is dated in the future' },
  { name: 'a wrongly signed', token: (email) => ssoToken({ email }, { secret: 'not-the-shared-secret-but-just-as-long-000' }), status: 401, says: 'the sign-in link is not valid' },
  { name: 'an alg: none', token: (email) => unsignedToken({ email }), status: 401, says: 'the sign-in link is not valid' },
  { name: 'a garbage', token: () => 'not-a-token', status: 401, says: 'the sign-in link is not valid' },
];

for (const refusal of refusals) {
  test(`${refusal.name} token is refused with a clear page and no session`, async ({ page, context, requester }) => {
    const answer = page.waitForResponse((r) => r.url().startsWith(`${EMBED_PORTAL_URL}/sso`));
    await page.goto(hostUrl({ jwt: await refusal.token(requester.email) }));
    const response = await answer;
    expect(response.status()).toBe(refusal.status);
    expect(setCookies(await response.headersArray()).filter((c) => c.includes(EMBEDDED_SESSION_COOKIE_NAME))).toEqual([]);

    const frame = portalFrame(page);
    await expect(frame.getByRole('heading', { name: 'Single sign-on didn’t work' })).toBeVisible();
    await expect(frame.getByText(`Please tell the site’s administrator: ${refusal.says}`)).toBeVisible();
    await expect(frame.getByText(/^Code: sso-[a-z-]+$/)).toBeVisible();
    // Nothing a forger could learn from: no library, algorithm or claim names.
    const text = (await frame.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/jose|HS256|alg|signature|claim|iat|jti|exp\b/i);
    expect((await context.cookies(EMBED_PORTAL_URL)).map((c) => c.name)).not.toContain(EMBEDDED_SESSION_COOKIE_NAME);
  });
}

test('a replayed token is refused: each token signs in once', async ({ playwright, requester }) => {
  const jwt = await ssoToken({ email: requester.email });
  const api = await playwright.request.newContext({ baseURL: EMBED_PORTAL_URL, maxRedirects: 0 });
  const first = await api.get(`/sso?jwt=${jwt}`);
  expect(first.status()).toBe(303);
  // A second browser (no cookies from the first) replaying the same link.
  const replayer = await playwright.request.newContext({ baseURL: EMBED_PORTAL_URL, maxRedirects: 0 });
  const second = await replayer.get(`/sso?jwt=${jwt}`);
  expect(second.status()).toBe(401);
  expect(await second.text()).toContain('the sign-in link was already used');
  expect(setCookies(second.headersArray())).toEqual([]);
  await api.dispose();
  await replayer.dispose();
});

test('a token for someone without a support account, or no token at all, says so', async ({ request }) => {
  const unknown = await request.get(`${EMBED_PORTAL_URL}/sso?jwt=${await ssoToken({ email: 'nobody-here@example.com' })}`, { maxRedirects: 0 });
  expect(unknown.status()).toBe(403);
  expect(await unknown.text()).toContain('there is no support account for the email in the sign-in link');
  expect(setCookies(unknown.headersArray())).toEqual([]);

  const missing = await request.get(`${EMBED_PORTAL_URL}/sso`, { maxRedirects: 0 });
  expect(missing.status()).toBe(400);
  expect(await missing.text()).toContain('the sign-in link is not valid');
});

test('a portal without SSO_SECRET answers /sso with the same kind of clear page', async ({ request }) => {
  const res = await request.get(`${PORTAL_URL}/sso?jwt=${await ssoToken({ email: 'alice@example.com' })}`, { maxRedirects: 0 });
  expect(res.status()).toBe(404);
  const html = await res.text();
  expect(html).toContain('Single sign-on didn’t work');
  expect(html).toContain('single sign-on is not turned on for this support portal');
  expect(setCookies(res.headersArray())).toEqual([]);
});

test.describe('a link for another customer (login CSRF)', () => {
  test('does not replace the signed-in customer without their say; confirming switches, once', async ({ page, requester }) => {
    test.slow();
    const other = await createEndUserNamed('Morgan Switcher');
    await page.goto(`${EMBED_PORTAL_URL}/sso?jwt=${await ssoToken({ email: requester.email })}`);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();

    // Someone sends this browser a link with their own token.
    const jwt = await ssoToken({ email: other.email, name: other.name, return_to: '/requests/new' });
    const confirmPage = async () => {
      await page.goto(`${EMBED_PORTAL_URL}/sso?jwt=${jwt}`);
      await expect(page.getByRole('heading', { name: 'Switch to another account?' })).toBeVisible();
      await expect(page.getByText(`You are signed in to support as ${requester.name} (${requester.email}).`)).toBeVisible();
      await expect(page.getByText(`This link signs you in as ${other.name} (${other.email}) instead.`)).toBeVisible();
    };
    await confirmPage();
    // Staying: nothing changed, and the page did not spend the token.
    await page.getByRole('link', { name: `Stay signed in as ${requester.name}` }).click();
    await expect(page.getByRole('heading', { name: 'New request' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(requester.name);

    await confirmPage();
    await page.getByRole('button', { name: `Continue as ${other.name}` }).click();
    await expect(page.getByRole('heading', { name: 'New request' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(other.name);

    // Confirming spent the token: the page cannot be used to sign in with it again.
    const again = await page.request.post(`${EMBED_PORTAL_URL}/sso`, { form: { jwt }, maxRedirects: 0, failOnStatusCode: false });
    expect(again.status()).toBe(401);
    expect(await again.text()).toContain('the sign-in link was already used');
    const replayed = await page.request.get(`${EMBED_PORTAL_URL}/sso?jwt=${jwt}`, { maxRedirects: 0, failOnStatusCode: false });
    expect(replayed.status()).toBe(401);
  });

  test('the same customer just goes on; nobody signed in is signed in at once, as before', async ({ playwright, requester }) => {
    const api = await playwright.request.newContext({ baseURL: EMBED_PORTAL_URL, maxRedirects: 0 });
    const first = await api.get(`/sso?jwt=${await ssoToken({ email: requester.email })}`);
    expect(first.status()).toBe(303);
    expect(setCookies(first.headersArray()).some((c) => c.startsWith(`${EMBEDDED_SESSION_COOKIE_NAME}=`))).toBe(true);
    const same = await api.get(`/sso?jwt=${await ssoToken({ email: requester.email.toUpperCase(), return_to: '/requests/new' })}`);
    expect(same.status()).toBe(303);
    expect(same.headers()['location']).toBe('/requests/new');
    expect(setCookies(same.headersArray())).toEqual([]);
    await api.dispose();
  });

  test('a post from another site to /sso is refused before anything happens', async ({ request, requester }) => {
    const jwt = await ssoToken({ email: requester.email });
    const forged = await request.post(`${EMBED_PORTAL_URL}/sso`, { form: { jwt }, headers: { Origin: 'http://evil.example' }, maxRedirects: 0, failOnStatusCode: false });
    expect(forged.status()).toBe(403);
    expect(setCookies(forged.headersArray())).toEqual([]);
    // The token was not spent by the refused post.
    expect((await request.get(`${EMBED_PORTAL_URL}/sso?jwt=${jwt}`, { maxRedirects: 0 })).status()).toBe(303);
  });
});

test('return_to: the signed claim wins over the link’s parameter', async ({ request, requester }) => {
  const claimed = await request.get(`${EMBED_PORTAL_URL}/sso?jwt=${await ssoToken({ email: requester.email, return_to: '/requests/new' })}&return_to=%2Frequests%3Fpage%3D2`, { maxRedirects: 0 });
  expect(claimed.headers()['location']).toBe('/requests/new');
  const refusedClaim = await request.get(`${EMBED_PORTAL_URL}/sso?jwt=${await ssoToken({ email: requester.email, return_to: 'https://evil.example/' })}&return_to=%2Frequests%2Fnew`, { maxRedirects: 0 });
  expect(refusedClaim.headers()['location']).toBe('/requests');
  const linkOnly = await request.get(`${EMBED_PORTAL_URL}/sso?jwt=${await ssoToken({ email: requester.email })}&return_to=%2Frequests%2Fnew`, { maxRedirects: 0 });
  expect(linkOnly.headers()['location']).toBe('/requests/new');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the switch confirmation works as a plain form, and a link confirmed twice says it was already used', async ({ page, requester }) => {
    test.slow();
    const other = await createEndUserNamed('Robin Nojs');
    await page.goto(`${EMBED_PORTAL_URL}/sso?jwt=${await ssoToken({ email: requester.email })}`);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();

    // The same link opened in two tabs: both ask, the first confirm switches, the second is refused.
    const jwt = await ssoToken({ email: other.email, name: other.name });
    const second = await page.context().newPage();
    for (const tab of [page, second]) {
      await tab.goto(`${EMBED_PORTAL_URL}/sso?jwt=${jwt}`);
      await expect(tab.getByRole('heading', { name: 'Switch to another account?' })).toBeVisible();
    }
    await page.getByRole('button', { name: `Continue as ${other.name}` }).click();
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(other.name);

    await second.getByRole('button', { name: `Continue as ${other.name}` }).click();
    await expect(second.getByRole('heading', { name: 'Single sign-on didn’t work' })).toBeVisible();
    await expect(second.getByText('Please tell the site’s administrator: the sign-in link was already used.')).toBeVisible();
    await expect(second.getByText('Code: sso-used')).toBeVisible();
    // And the first tab's switch stands.
    await second.goto(`${EMBED_PORTAL_URL}/requests`);
    await expect(second.getByRole('navigation', { name: 'Main' })).toContainText(other.name);

  });
});
