import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, LoginPage, NewRequestPage, RequestPage, test } from './fixtures';
import { EXTRA_PORTAL_PORT_BASE, EXTRA_SERVICE_PORT_BASE, SANDBOX_ADMIN } from './ports';
import { countComments, countRequests, createEndUserNamed } from './resilience-helpers';
import type { EndUser } from './sandbox-admin';
import { startPortal, startSandbox, type RunningServer } from './servers';
import { ROUTE } from './dialect';

/**
 * The help desk crashes and restarts while a customer is using the portal. The suite's shared
 * sandbox keeps its data in memory and cannot be restarted, so this spec runs its own, on a file,
 * with a portal of its own, kills it (SIGKILL, mid-request) and starts it again on the same file.
 */
test.describe.configure({ mode: 'default' });

const PORTAL_PORT = EXTRA_PORTAL_PORT_BASE + 3;
const HELPDESK_PORT = EXTRA_SERVICE_PORT_BASE + 3;
const PORTAL = `http://localhost:${PORTAL_PORT}`;
let dir: string;
let db: string;
let helpdesk: RunningServer;
let portal: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(path.join(tmpdir(), 'portico-restart-'));
  db = path.join(dir, 'sandbox.db');
  helpdesk = await startSandbox(HELPDESK_PORT, db);
  portal = await startPortal(PORTAL_PORT, { HELPDESK_URL: helpdesk.url });
});

test.afterAll(async () => {
  await portal?.stop();
  await helpdesk?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test.use({ baseURL: PORTAL });

const admin = `Basic ${Buffer.from(`${SANDBOX_ADMIN.email}:${SANDBOX_ADMIN.password}`).toString('base64')}`;

async function slowWrites(user: EndUser) {
  const res = await fetch(`${helpdesk.url}/_sandbox/faults`, {
    method: 'POST',
    headers: { Authorization: admin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ route: ROUTE.create, user: user.email, kind: 'slow', ms: 2_500, times: 1 }),
  });
  expect(res.status).toBe(201);
}

test('the help desk crashes mid-request and restarts: the user is told, nothing typed is lost, nothing is filed twice', async ({ page }) => {
  test.setTimeout(120_000);
  const user = await createEndUserNamed('Restart Customer', helpdesk.url);
  const login = new LoginPage(page);
  const create = new NewRequestPage(page);
  const request = new RequestPage(page);
  const alert = page.getByRole('main').getByRole('alert');

  await login.goto();
  await login.logIn(user);
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  await create.goto();
  const before = await create.create('Filed before the crash', 'All fine so far');

  // The help desk saves this request, then dies before it can answer.
  await slowWrites(user);
  await create.goto();
  await create.subject().fill('Sent as the help desk went down');
  await create.description().fill('It was saved, but the answer never came.\nDo not file it twice.');
  await create.submit().click();
  await expect.poll(() => countRequests(user, 'Sent as the help desk went down', helpdesk.url), { timeout: 5_000 }).toBe(1);
  await helpdesk.kill();
  await expect(alert).toContainText('The help desk is not answering right now', { timeout: 15_000 });
  await expect(alert).toContainText('Your text is still here.');
  await expect(create.description()).toHaveValue('It was saved, but the answer never came.\nDo not file it twice.');

  // While it is down: every read says so in plain words; a reply keeps its text.
  await page.goto('/requests');
  await expect(alert).toContainText('The help desk is not answering right now');
  await request.goto(before);
  await expect(alert).toContainText('The help desk is not answering right now');

  // It comes back on the same data. Reads recover by themselves.
  helpdesk = await startSandbox(HELPDESK_PORT, db);
  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Filed before the crash' })).toBeVisible();

  // Sending the kept text again finds the request the help desk saved before it died.
  await create.goto();
  await expect(create.subject()).toHaveValue('Sent as the help desk went down');
  await create.submit().click();
  await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Sent as the help desk went down' })).toBeVisible();
  expect(await countRequests(user, 'Sent as the help desk went down', helpdesk.url)).toBe(1);

  // A reply sent while the help desk is down again is kept, and added once after it is back.
  await request.goto(before);
  await helpdesk.kill();
  await request.sendReply('Written while it was down');
  await expect(alert).toContainText('The help desk is not answering right now', { timeout: 15_000 });
  await expect(request.reply()).toHaveValue('Written while it was down');
  helpdesk = await startSandbox(HELPDESK_PORT, db);
  await request.send().click();
  await expect(page.getByText('Your reply was sent.')).toBeVisible();
  expect(await countComments(before, 'Written while it was down', helpdesk.url)).toBe(1);
  expect((await fetch(`${PORTAL}/healthz`)).status).toBe(200);
});
