import { ssoToken } from './embed-host';
import { expect, sandbox, test } from './fixtures';
import { E2E_SSO_SECRET, EXTRA_PORTAL_PORT_BASE, EXTRA_SERVICE_PORT_BASE, SANDBOX_URL } from './ports';
import { countRequests, hiddenFields, postForm, redirectedTo, signInQuickly } from './resilience-helpers';
import { startPortal, startRedis, type RunningServer } from './servers';
import { SESSION_COOKIE_NAME } from '../lib/session/cookie';
import { ON_BEHALF_OF_ENV, ROUTE } from './dialect';

/**
 * Two portal instances behind one load balancer share a real Redis (REDIS_URL): what one instance
 * learns (a form token's result, a failed sign-in, a used SSO token id) the other knows at once.
 * Sessions need nothing shared: both instances have the same SESSION_SECRET, so either opens
 * the other's cookie. Both run in the on-behalf-of mode, which single sign-on needs.
 */
test.describe.configure({ mode: 'default' });

const A_PORT = EXTRA_PORTAL_PORT_BASE;
const B_PORT = EXTRA_PORTAL_PORT_BASE + 1;
const REDIS_PORT = EXTRA_SERVICE_PORT_BASE;
const A = `http://localhost:${A_PORT}`;
const B = `http://localhost:${B_PORT}`;

let redis: RunningServer;
let portals: RunningServer[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startRedis(REDIS_PORT);
  const env = {
    HELPDESK_URL: SANDBOX_URL,
    REDIS_URL: redis.url,
    ...ON_BEHALF_OF_ENV,
    SSO_SECRET: E2E_SSO_SECRET,
  };
  portals = await Promise.all([startPortal(A_PORT, env), startPortal(B_PORT, env)]);
});

test.afterAll(async () => {
  await Promise.all(portals.map((portal) => portal.stop()));
  await redis?.stop();
});

test('a form posted to instance A and again to instance B files one request; both answers lead to it', async ({ page, requester }) => {
  // Cookies belong to the host, not the port: the session from A is sent to B as well.
  await signInQuickly(page.request, requester, A);
  const form = hiddenFields(await (await page.request.get(`${A}/requests/new`)).text(), 'subject');
  const fields = { ...form, subject: 'Filed through two instances', description: 'Once, please' };
  await sandbox.resetCalls(requester);

  const first = await postForm(page.request, `${A}/requests/new`, fields, { Origin: A });
  const replay = await postForm(page.request, `${B}/requests/new`, fields, { Origin: B });
  expect(redirectedTo(first)).toMatch(/^\/requests\/\d+\?created=1$/);
  expect(redirectedTo(replay)).toBe(redirectedTo(first));

  // A double submit split across both instances at the same moment, with a fresh form.
  const fresh = { ...hiddenFields(await (await page.request.get(`${B}/requests/new`)).text(), 'subject'), subject: 'Double submit, two instances', description: 'x' };
  const [viaA, viaB] = await Promise.all([postForm(page.request, `${A}/requests/new`, fresh, { Origin: A }), postForm(page.request, `${B}/requests/new`, fresh, { Origin: B })]);
  expect(redirectedTo(viaA)).toMatch(/^\/requests\/\d+\?created=1$/);
  expect(redirectedTo(viaB)).toBe(redirectedTo(viaA));

  expect(await countRequests(requester, 'Filed through two instances')).toBe(1);
  expect(await countRequests(requester, 'Double submit, two instances')).toBe(1);
  expect((await sandbox.calls(requester)).byRoute[ROUTE.create]).toBe(2);
});

test('failed sign-ins on A count on B: the limit holds across instances', async ({ playwright, requester }) => {
  // One client (no proxy trusted: its socket address), one account.
  const api = await playwright.request.newContext();
  const attempt = async (portal: string, password: string) => {
    const hidden = hiddenFields(await (await api.get(`${portal}/login`)).text(), 'email');
    const answer = await postForm(api, `${portal}/login`, { ...hidden, email: requester.email, password }, { Origin: portal });
    return answer.status() === 303 ? 'signed in' : ((await answer.text()).match(/That email and password don’t match|Too many failed sign-ins\. Try again in \d+ (?:seconds?|minutes?)\./)?.[0] ?? 'something else');
  };
  await sandbox.resetCalls(requester);
  for (const portal of [A, B, A, B, A]) expect(await attempt(portal, 'wrong')).toBe('That email and password don’t match');
  // The right password from this client, on either instance, while it waits: refused without asking the help desk.
  expect(await attempt(B, requester.password)).toMatch(/^Too many failed sign-ins\. Try again in 1[0-5] seconds\.$/);
  expect(await attempt(A, requester.password)).toMatch(/^Too many failed sign-ins\. Try again in 1[0-5] seconds\.$/);
  expect((await sandbox.calls(requester)).byRoute[ROUTE.me]).toBe(5);
  await api.dispose();
});

test('a single sign-on token used on A is refused on B', async ({ playwright, requester }) => {
  const jwt = await ssoToken({ email: requester.email, jti: `replay-${crypto.randomUUID()}` });
  const api = await playwright.request.newContext({ maxRedirects: 0 });
  const first = await api.get(`${A}/sso?jwt=${jwt}`);
  expect(first.status()).toBe(303);
  expect(first.headers()['set-cookie']).toContain(`${SESSION_COOKIE_NAME}=`);
  const replay = await api.get(`${B}/sso?jwt=${jwt}`);
  expect(replay.status()).toBe(401);
  expect(await replay.text()).toContain('the sign-in link was already used');
  expect(replay.headers()['set-cookie'] ?? '').not.toContain(`${SESSION_COOKIE_NAME}=Fe26`);
  // And on A itself, of course.
  expect((await api.get(`${A}/sso?jwt=${jwt}`)).status()).toBe(401);
  await api.dispose();
});
