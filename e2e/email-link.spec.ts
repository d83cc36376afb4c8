import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DIALECT, ON_BEHALF_OF_ENV } from './dialect';
import { EmailLinkPage, expect, LoginPage, sandbox, test } from './fixtures';
import { awaitMail, mailFor, SANDBOX_SMTP_URL, signInLink, type OutboxMessage } from './outbox';
import { EXTRA_PORTAL_PORT_BASE, SANDBOX_URL } from './ports';
import { startPortal, type RunningServer } from './servers';

/**
 * Issue 14: signing in with a one-time link by email, through the sandbox's real SMTP server, on
 * two portals of this spec's own in this run's dialect (the on-behalf-of mode: classic's agent, v2's
 * API token): one offering password and email link, one offering the email link only, whose links
 * last 2 seconds. Each test names its own client (X-Forwarded-For, with TRUST_PROXY=1), so the
 * per-client limits of one test do not hold back another.
 */
test.describe.configure({ mode: 'default' });

const PORT = EXTRA_PORTAL_PORT_BASE + 20;
const SHORT_PORT = EXTRA_PORTAL_PORT_BASE + 21;
const PORTAL = `http://localhost:${PORT}`;
const SHORT_PORTAL = `http://localhost:${SHORT_PORT}`;
const SHORT_TTL_SECONDS = 2;

const emailLinkEnv = (port: number, extra: Record<string, string> = {}) => ({
  HELPDESK_URL: SANDBOX_URL,
  ...ON_BEHALF_OF_ENV,
  SIGN_IN_METHODS: 'password,email-link',
  SMTP_URL: SANDBOX_SMTP_URL,
  MAIL_FROM: 'Acme Support <support@acme.example>',
  PORTAL_PUBLIC_URL: `http://localhost:${port}`,
  PORTAL_COMPANY_NAME: 'Acme Support',
  TRUST_PROXY: '1',
  ...extra,
});

let portals: RunningServer[] = [];
test.beforeAll(async () => {
  test.setTimeout(120_000);
  portals = await Promise.all([
    startPortal(PORT, emailLinkEnv(PORT)),
    startPortal(SHORT_PORT, emailLinkEnv(SHORT_PORT, { SIGN_IN_METHODS: 'email-link', EMAIL_LINK_TTL_SECONDS: String(SHORT_TTL_SECONDS) })),
  ]);
});
test.afterAll(async () => {
  await Promise.all(portals.map((portal) => portal.stop()));
});

let clients = 0;
/** A browser of its own, as a client of its own address. */
async function browse(browser: Browser, options: { baseURL?: string; javaScriptEnabled?: boolean; client?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const client = options.client ?? `198.51.100.${++clients}`;
  const context = await browser.newContext({
    baseURL: options.baseURL ?? PORTAL,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    extraHTTPHeaders: { 'x-forwarded-for': client },
  });
  return { context, page: await context.newPage() };
}

/** The message is a proper mail: headers, a text and an HTML part, and links only to the portal. */
function expectWellFormed(message: OutboxMessage, to: string, portal: string) {
  expect(message.from).toBe('"Acme Support" <support@acme.example>');
  expect(message.to).toBe(to);
  expect(message.subject).toBe('Your sign-in link for Acme Support');
  expect(Math.abs(Date.parse(message.date ?? '') - Date.now())).toBeLessThan(120_000);
  expect(message.messageId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
  expect(message.raw).toMatch(/^Content-Type: multipart\/alternative/im);
  expect(message.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/im);
  expect(message.raw).toMatch(/^Content-Type: text\/html; charset=utf-8/im);
  const link = signInLink(message);
  expect(new URL(link).origin).toBe(portal);
  expect(message.text).toContain(link);
  const hrefs = [...message.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  expect(hrefs).toEqual([link, link]);
  expect(message.html).not.toMatch(/<img|<script|src=/i);
}

for (const javaScriptEnabled of [true, false]) {
  test(`a mailed link signs in once, in another browser, on the page asked for (${javaScriptEnabled ? 'with' : 'without'} JavaScript, ${DIALECT})`, async ({ browser, requester }) => {
    const asking = await browse(browser, { javaScriptEnabled });
    const next = javaScriptEnabled ? '/requests/new' : '/requests?q=printer';
    await asking.page.goto(next);
    await expect(asking.page).toHaveURL(/\/login\?/);
    await asking.page.getByRole('link', { name: 'Email me a sign-in link instead' }).click();
    await expect(asking.page).toHaveURL(`${PORTAL}/login/email?next=${encodeURIComponent(next)}`);
    await new EmailLinkPage(asking.page).ask(requester.email);

    const message = await awaitMail(requester.email);
    expectWellFormed(message, requester.email, PORTAL);
    const link = signInLink(message);

    // Another browser: nothing of the first one's is needed.
    const other = await browse(browser, { javaScriptEnabled });
    const otherLink = new EmailLinkPage(other.page);
    await other.page.goto(link);
    await expect(other.page.getByText(`This link signs you in as ${requester.email}.`)).toBeVisible();
    await otherLink.signIn().click();
    await expect(other.page).toHaveURL(`${PORTAL}${next}`);
    await expect(other.page.getByRole('button', { name: 'Log out', exact: true })).toBeVisible();

    // Once only: a third browser (or the same one again) is told, and offered a new link.
    const third = await browse(browser, { javaScriptEnabled });
    await third.page.goto(link);
    await expect(third.page.getByRole('main').getByRole('alert')).toContainText('This sign-in link was already used.');
    await expect(third.page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);
    await new EmailLinkPage(third.page).newLink().click();
    await expect(third.page.getByLabel('Email')).toBeVisible();
    for (const { context } of [asking, other, third]) await context.close();
  });
}

test('a link with a changed character is not valid; ?next= to another site lands on my requests', async ({ browser, requester }) => {
  const { page, context } = await browse(browser);
  const emailLink = new EmailLinkPage(page);
  await emailLink.goto('//evil.example/steal');
  await emailLink.ask(requester.email);
  const link = new URL(signInLink(await awaitMail(requester.email)));
  const token = link.searchParams.get('token')!;
  const tampered = new URL(link);
  tampered.searchParams.set('token', `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`);
  await page.goto(tampered.toString());
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This sign-in link is not valid.');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);

  // The real one still works, and goes to the portal's own default, not the other site.
  await page.goto(link.toString());
  await emailLink.signIn().click();
  await expect(page).toHaveURL(`${PORTAL}/requests`);
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  await context.close();
});

test('an unknown email gets the same page, in the same time, and no mail (20 tries each)', async ({ browser }) => {
  test.setTimeout(120_000);
  const known = await Promise.all(Array.from({ length: 20 }, () => sandbox.createEndUser('known')));
  const unknown = known.map((_, i) => `nobody-${Date.now().toString(36)}-${i}@example.com`);
  const { page, context } = await browse(browser, { javaScriptEnabled: false });
  const emailLink = new EmailLinkPage(page);
  const timings = { known: [] as number[], unknown: [] as number[] };
  const answers = new Set<string>();
  async function ask(kind: 'known' | 'unknown', email: string, i: number) {
    // Each try its own client, so the per-client limit (tested below) stays out of it.
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': `192.0.2.${i * 2 + (kind === 'known' ? 0 : 1)}` });
    await emailLink.goto('/requests');
    await emailLink.email().fill(email);
    const started = Date.now();
    await Promise.all([page.waitForURL('**/login/email/sent?**'), emailLink.submit().click()]);
    timings[kind].push(Date.now() - started);
    answers.add(await page.getByRole('main').innerText());
  }
  for (let i = 0; i < 20; i++) {
    // Alternating, starting with either, so a slow moment of the machine hits both alike.
    const pair: ['known' | 'unknown', string][] = [['known', known[i]!.email], ['unknown', unknown[i]!]];
    for (const [kind, email] of i % 2 ? pair.reverse() : pair) await ask(kind, email, i);
  }
  expect(answers.size, 'one and the same page for every email').toBe(1);

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const [knownMedian, unknownMedian] = [median(timings.known), median(timings.unknown)];
  // The answer comes before the help desk is asked, so the two must look alike: medians within a
  // margin that a loaded CI machine's noise fits in, and overlapping ranges.
  const margin = Math.max(100, 0.5 * Math.max(knownMedian, unknownMedian));
  expect(Math.abs(knownMedian - unknownMedian), JSON.stringify(timings)).toBeLessThan(margin);
  expect(Math.min(...timings.known)).toBeLessThanOrEqual(Math.max(...timings.unknown));
  expect(Math.min(...timings.unknown)).toBeLessThanOrEqual(Math.max(...timings.known));

  // The known ones got their mail; the unknown ones nothing.
  await awaitMail(known[19]!.email);
  for (const email of unknown.slice(0, 3)) expect(await mailFor(email)).toEqual([]);
  await context.close();
});

test('the limits hold back a stranger asking for my links, and cannot lock me out', async ({ browser, requester }) => {
  test.setTimeout(90_000);
  const stranger = await browse(browser, { javaScriptEnabled: false, client: '198.51.100.250' });
  const strangerForm = new EmailLinkPage(stranger.page);
  for (let i = 0; i < 10; i++) {
    await strangerForm.goto();
    await strangerForm.ask(requester.email);
  }
  await strangerForm.goto();
  await strangerForm.email().fill(requester.email);
  await strangerForm.submit().click();
  await expect(stranger.page.getByRole('main').getByRole('alert')).toHaveText('Too many links asked for from here. Try again in 15 minutes.');
  await expect(strangerForm.email()).toHaveValue(requester.email);

  // My inbox got a few links, not ten: every one of them is mine and works.
  await awaitMail(requester.email, 3);
  await expect.poll(async () => (await mailFor(requester.email)).length, { timeout: 3_000 }).toBe(3);

  // From my own address I am not held back, and a link already in my inbox signs me in.
  const me = await browse(browser);
  const mine = new EmailLinkPage(me.page);
  await mine.goto();
  await mine.ask(requester.email);
  const [newest, , oldest] = await mailFor(requester.email);
  await me.page.goto(signInLink(oldest!));
  await mine.signIn().click();
  await expect(me.page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  expect(newest).toBeDefined();

  // Having got in, I may have new links at once.
  const later = await browse(browser);
  const laterForm = new EmailLinkPage(later.page);
  await laterForm.goto();
  await laterForm.ask(requester.email);
  await awaitMail(requester.email, 4);
  for (const { context } of [stranger, me, later]) await context.close();
});

test('password mode has no dead ends: "Forgot your password?" and the lock-out message lead to the email link', async ({ browser, requester }) => {
  // Without JavaScript each attempt is a page load of its own: no waiting on the previous answer.
  const { page, context } = await browse(browser, { javaScriptEnabled: false });
  const login = new LoginPage(page);
  await login.goto('/requests/new');
  await expect(page.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/login/email?next=%2Frequests%2Fnew');
  for (let i = 0; i < 5; i++) {
    await login.logIn({ email: requester.email, password: 'wrong-password' });
    await expect(page.getByRole('main').getByRole('alert')).toContainText('don’t match an account');
  }
  await login.logIn({ email: requester.email, password: 'wrong-password' });
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Too many failed sign-ins.');
  await page.getByRole('main').getByRole('link', { name: 'Email me a sign-in link instead' }).first().click();
  await expect(page).toHaveURL(`${PORTAL}/login/email?next=%2Frequests%2Fnew`);
  await new EmailLinkPage(page).ask(requester.email);
  await page.goto(signInLink(await awaitMail(requester.email)));
  await new EmailLinkPage(page).signIn().click();
  await expect(page).toHaveURL(`${PORTAL}/requests/new`);
  await context.close();
});

test('email link only: the sign-in page asks for the email; an expired link says so and offers a new one', async ({ browser, requester }) => {
  const { page, context } = await browse(browser, { baseURL: SHORT_PORTAL });
  await page.goto('/login?next=%2Frequests%2Fnew');
  await expect(page.getByLabel('Password')).toHaveCount(0);
  await new EmailLinkPage(page).ask(requester.email);
  const message = await awaitMail(requester.email);
  expect(new URL(signInLink(message)).origin).toBe(SHORT_PORTAL);
  // The link lasts SHORT_TTL_SECONDS from its sending.
  await page.waitForTimeout(Math.max(0, Date.parse(message.date!) + SHORT_TTL_SECONDS * 1000 + 1_500 - Date.now()));
  await page.goto(signInLink(message));
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This sign-in link has expired.');
  await new EmailLinkPage(page).newLink().click();
  // The new link goes where the old one was going.
  await expect(page).toHaveURL(`${SHORT_PORTAL}/login/email?next=%2Frequests%2Fnew`);
  await new EmailLinkPage(page).ask(requester.email);
  await awaitMail(requester.email, 2);
  await context.close();
});
