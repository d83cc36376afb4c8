import type { APIRequestContext } from '@playwright/test';
import { expect, LoginPage, sandbox, test } from './fixtures';
import { EXTRA_PORTAL_PORT_BASE, SANDBOX_URL } from './ports';
import { hiddenFields, postForm, redirectedTo } from './resilience-helpers';
import { startPortal, type RunningServer } from './servers';

/**
 * Failed sign-ins against a portal with no proxy in front (TRUST_PROXY=0, the default): the
 * client is the connection's address, whatever X-Forwarded-For says. Two real client addresses
 * on one machine: 127.0.0.1 (IPv4) and ::1 (IPv6) reach the same `next start` as different peers.
 * A portal of its own, so these guesses hold back no other spec.
 */
test.describe.configure({ mode: 'default' });

const PORT = EXTRA_PORTAL_PORT_BASE + 6;
const IPV4 = `http://127.0.0.1:${PORT}`;
const IPV6 = `http://[::1]:${PORT}`;
const NO_MATCH = 'That email and password don’t match';
const WAITING = /Too many failed sign-ins\. Try again in 1[0-5] seconds\./;

let portal: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  portal = await startPortal(PORT, { HELPDESK_URL: SANDBOX_URL, TRUST_PROXY: '0' });
});

test.afterAll(async () => {
  await portal?.stop();
});

/** One sign-in post from `api` to `base`; what the form answered. */
async function attempt(api: APIRequestContext, base: string, user: { email: string; password: string }, forwardedFor?: string) {
  const hidden = hiddenFields(await (await api.get(`${base}/login`)).text(), 'email');
  const answer = await postForm(api, `${base}/login`, { ...hidden, ...user }, {
    Origin: base,
    // The portal's own internal peer header, forged too: it is overwritten from the socket.
    ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor, 'X-Portico-Peer': forwardedFor } : {}),
  });
  if (redirectedTo(answer)) return 'signed in';
  const text = await answer.text();
  return text.match(WAITING)?.[0] ?? (text.includes(NO_MATCH) ? NO_MATCH : `something else: ${text.slice(0, 200)}`);
}

test('a stranger guessing a customer’s password from one address cannot lock the customer out: the right password from another address signs in', async ({ playwright, browser, requester }) => {
  test.setTimeout(60_000);
  const stranger = await playwright.request.newContext();
  for (let i = 1; i <= 5; i++) expect(await attempt(stranger, IPV6, { email: requester.email, password: `guess-${i}` })).toBe(NO_MATCH);
  // From the stranger's address the account now waits, even with the right password...
  expect(await attempt(stranger, IPV6, requester)).toMatch(WAITING);
  await stranger.dispose();

  // ...but the customer, at another address, signs in in the browser at once.
  const context = await browser.newContext({ baseURL: IPV4 });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(requester);
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  await context.close();
});

test('rotating X-Forwarded-For (or forging the internal peer header) does not escape the per-client limit when no proxy is trusted', async ({ playwright, requester }) => {
  test.setTimeout(90_000);
  const guesser = await playwright.request.newContext();
  // 20 failures on 20 accounts, each claiming another address.
  for (let i = 1; i <= 20; i++) {
    expect(await attempt(guesser, IPV4, { email: `sprayed-${i}-${Date.now()}@example.com`, password: 'guess' }, `198.51.100.${i}`)).toBe(NO_MATCH);
  }
  // A 21st claimed address changes nothing: this connection's address waits, and the help desk is not asked.
  await sandbox.resetCalls(requester);
  expect(await attempt(guesser, IPV4, requester, '192.0.2.200')).toMatch(WAITING);
  expect((await sandbox.calls(requester)).total).toBe(0);
  await guesser.dispose();
  // Another address is not held back.
  const elsewhere = await playwright.request.newContext();
  expect(await attempt(elsewhere, IPV6, requester)).toBe('signed in');
  await elsewhere.dispose();
});
