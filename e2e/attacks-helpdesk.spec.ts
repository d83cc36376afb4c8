import { expect, LoginPage, test } from './fixtures';
import { startFakeHelpdesk, type FakeHelpdesk } from './fake-helpdesk';
import { EXTRA_PORTAL_PORT_BASE, EXTRA_SERVICE_PORT_BASE } from './ports';
import { signInQuickly } from './resilience-helpers';
import { startPortal, type RunningServer } from './servers';

/**
 * A help desk that answers with hostile XML: an entity bomb, an external entity, 50 MB. The
 * sandbox never misbehaves like that, so this spec runs its own fake help desk and a portal that
 * talks to it. Each answer must be refused quickly, unexpanded, with plain words for the user,
 * and the portal must carry on. (lib/helpdesk/test/xml.test.ts proves the same on the parser.)
 */
test.describe.configure({ mode: 'default' });

const PORTAL_PORT = EXTRA_PORTAL_PORT_BASE + 2;
const HELPDESK_PORT = EXTRA_SERVICE_PORT_BASE + 2;
const UNREADABLE = 'The help desk sent an answer we could not read';

let helpdesk: FakeHelpdesk;
let portal: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  helpdesk = await startFakeHelpdesk(HELPDESK_PORT);
  // Hostile XML is the classic dialect's risk (v2's JSON has no entities): this portal speaks classic in both runs.
  portal = await startPortal(PORTAL_PORT, { HELPDESK_URL: helpdesk.url, HELPDESK_API: 'classic' });
});

test.afterAll(async () => {
  await portal?.stop();
  await helpdesk?.stop();
});

test.use({ baseURL: `http://localhost:${PORTAL_PORT}` });

test('an entity bomb answering sign-in is refused at once, unexpanded, in plain words', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  const started = Date.now();
  await login.logIn({ email: 'bomb@example.com', password: 'anything' });
  await expect(page.getByRole('main').getByRole('alert')).toContainText(UNREADABLE);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await page.content()).not.toContain('lollol');
});

test('an entity bomb, an external entity and a 50 MB answer on reads: refused quickly, and the portal carries on', async ({ page }) => {
  await signInQuickly(page.request, { email: 'someone@example.com', password: 'x' }, `http://localhost:${PORTAL_PORT}`);
  for (const [path, what] of [['/requests', 'entity bomb'], ['/requests/1', 'external entity'], ['/requests/2', '50 MB answer']] as const) {
    const started = Date.now();
    await page.goto(path);
    await expect(page.getByRole('main').getByRole('alert'), what).toContainText(UNREADABLE);
    expect(Date.now() - started, what).toBeLessThan(5_000);
    const html = await page.content();
    expect(html, what).not.toContain('lollol');
    expect(html, what).not.toContain('root:');
  }
  expect((await page.request.get('/healthz')).status()).toBe(200);
  expect(portal.output()).not.toMatch(/heap out of memory|FATAL ERROR/);
});
