import { expect, LoginPage, NewRequestPage, RequestPage, test } from './fixtures';
import { REQUEST_PAGE_CALLS } from './dialect';
import { EXTRA_PORTAL_PORT_BASE, EXTRA_SERVICE_PORT_BASE, SANDBOX_ADMIN } from './ports';
import { createEndUserNamed } from './resilience-helpers';
import type { EndUser } from './sandbox-admin';
import { startPortal, startSandbox, type RunningServer } from './servers';
import type { Page, Response } from '@playwright/test';

/**
 * The help desk's own fields on the new-request form, in both dialects, with and without
 * JavaScript. Definitions are account-wide, so this spec has a help desk and a portal of its own
 * (the suite's shared sandbox keeps the demo's optional fields and no forms, which every other
 * spec's form goes through unchanged): two request forms to pick from, every field type, a
 * required field, a pattern, a drop-down, and an agent-only field whose value must never reach a
 * page or a payload.
 */
test.describe.configure({ mode: 'default' });

const PORTAL_PORT = EXTRA_PORTAL_PORT_BASE + 9;
const HELPDESK_PORT = EXTRA_SERVICE_PORT_BASE + 9;
const PORTAL = `http://localhost:${PORTAL_PORT}`;
const SECRET = 'Agent-only cost centre CC-9931';
let helpdesk: RunningServer;
let portal: RunningServer;
let customer: EndUser;
const ids: Record<string, number> = {};

const admin = `Basic ${Buffer.from(`${SANDBOX_ADMIN.email}:${SANDBOX_ADMIN.password}`).toString('base64')}`;

async function adminJson(method: string, path: string, body?: unknown): Promise<Record<string, Record<string, unknown>>> {
  const res = await fetch(`${helpdesk.url}${path}`, {
    method,
    headers: { Authorization: admin, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, Record<string, unknown>>) : {};
}

const defineField = async (field: Record<string, unknown>) =>
  Number((await adminJson('POST', '/api/v2/ticket_fields.json', { ticket_field: { visible_in_portal: true, editable_in_portal: true, ...field } })).ticket_field!['id']);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  helpdesk = await startSandbox(HELPDESK_PORT, ':memory:');
  // The demo's fields (order number, product, contact by phone, the agent-only cost centre) plus the rest of the types.
  const fields = (await adminJson('GET', '/api/v2/ticket_fields.json')).ticket_fields as unknown as { id: number; title: string }[];
  for (const f of fields) ids[f.title] = f.id;
  ids['Serial number'] = await defineField({ type: 'text', title: 'Serial number', position: 5 });
  ids['Steps'] = await defineField({ type: 'textarea', title: 'What happened', position: 6 });
  ids['Seats'] = await defineField({ type: 'integer', title: 'Seats', position: 7, required_in_portal: true, description: 'How many people need it.' });
  ids['Budget'] = await defineField({ type: 'decimal', title: 'Budget', position: 8 });
  ids['Needed by'] = await defineField({ type: 'date', title: 'Needed by', position: 9 });
  ids['Systems'] = await defineField({
    type: 'multiselect', title: 'Operating systems', position: 10,
    custom_field_options: [{ name: 'Windows', value: 'os_windows' }, { name: 'macOS', value: 'os_mac' }, { name: 'Linux', value: 'os_linux' }],
  });
  const everything = ['Order number', 'Product', 'Contact me by phone', 'Serial number', 'Steps', 'Seats', 'Budget', 'Needed by', 'Systems', 'Cost centre'].map((k) => ids[k]);
  await adminJson('POST', '/api/v2/ticket_forms.json', { ticket_form: { name: 'Hardware', position: 1, ticket_field_ids: everything } });
  await adminJson('POST', '/api/v2/ticket_forms.json', { ticket_form: { name: 'Access and accounts', position: 2, ticket_field_ids: [ids['Product']] } });
  await adminJson('POST', '/api/v2/ticket_forms.json', { ticket_form: { name: 'Agents only', end_user_visible: false, ticket_field_ids: [ids['Cost centre']] } });
  customer = await createEndUserNamed('Fields Customer', helpdesk.url);
  portal = await startPortal(PORTAL_PORT, { HELPDESK_URL: helpdesk.url });
});

test.afterAll(async () => {
  await portal?.stop();
  await helpdesk?.stop();
});

test.use({ baseURL: PORTAL });

/** Every answer's body the browser got (pages, flight/RSC payloads), to look for what must not be there. */
function recordBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (response: Response) => {
    void response.text().then((text) => bodies.push(text), () => {});
  });
  return bodies;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('pick a form, every field type, a required field left empty and a bad pattern: clear messages, everything kept; then filed and shown, the agent-only field nowhere', async ({ page }) => {
      test.setTimeout(60_000);
      const bodies = recordBodies(page);
      await new LoginPage(page).goto('/requests/new');
      await new LoginPage(page).logIn(customer);

      // Several end-user forms: choose first (plain links); the agents-only form is not offered.
      await expect(page.getByRole('heading', { name: 'What is your request about?' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Agents only' })).toHaveCount(0);
      await page.getByRole('link', { name: 'Hardware' }).click();
      await expect(page).toHaveURL(/ticketForm=\d+/);
      await expect(page.getByText('Request about: Hardware')).toBeVisible();

      const form = new NewRequestPage(page);
      const subject = `Fields ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
      await form.subject().fill(subject);
      await form.description().fill('A new monitor for the team.');
      await page.getByLabel('Order number').fill('ORD-12');
      await page.getByLabel('Product').selectOption({ label: 'Monitor' });
      await page.getByLabel('Contact me by phone').check();
      await page.getByLabel('Serial number').fill('SN-0042');
      await page.getByLabel('What happened').fill('It flickers.\nThen it goes dark.');
      await page.getByLabel('Budget').fill('249.90');
      await page.getByLabel('Needed by').fill('2026-12-24');
      await page.getByRole('group', { name: 'Operating systems' }).getByLabel('Linux').check();
      await expect(page.getByLabel(/^Seats/)).toHaveAccessibleName('Seats (required)');
      await expect(page.getByText('How many people need it.')).toBeVisible();
      await expect(page.getByLabel(/Cost centre/)).toHaveCount(0);
      await form.submit().click();

      const summary = page.getByRole('region', { name: 'There is a problem' });
      await expect(summary.getByRole('link', { name: 'Fill in “Seats”.' })).toBeVisible();
      await expect(summary.getByRole('link', { name: '“Order number” is not in the expected format.' })).toBeVisible();
      await expect(page.getByLabel(/^Seats/)).toHaveAttribute('aria-invalid', 'true');
      // Everything typed is still there.
      await expect(form.subject()).toHaveValue(subject);
      await expect(page.getByLabel('Order number')).toHaveValue('ORD-12');
      await expect(page.getByLabel('Product')).toHaveValue('monitor');
      await expect(page.getByLabel('Contact me by phone')).toBeChecked();
      await expect(page.getByLabel('What happened')).toHaveValue('It flickers.\nThen it goes dark.');
      await expect(page.getByLabel('Needed by')).toHaveValue('2026-12-24');
      await expect(page.getByRole('group', { name: 'Operating systems' }).getByLabel('Linux')).toBeChecked();

      await page.getByLabel('Order number').fill('ORD-123456');
      await page.getByLabel(/^Seats/).fill('3');
      await form.submit().click();
      const confirmation = page.getByRole('status').filter({ hasText: /Request #\d+ was submitted/ });
      await expect(confirmation).toBeVisible();
      const id = /#(\d+)/.exec((await confirmation.textContent()) ?? '')![1]!;

      // An agent fills in the agent-only field; the customer's page shows their answers only.
      const xml = `<ticket><ticket-field-entries type="array"><ticket-field-entry><ticket-field-id>${ids['Cost centre']}</ticket-field-id><value>${SECRET}</value></ticket-field-entry></ticket-field-entries></ticket>`;
      const put = await fetch(`${helpdesk.url}/tickets/${id}.xml`, { method: 'PUT', headers: { Authorization: admin, 'Content-Type': 'application/xml' }, body: xml });
      expect(put.status).toBe(200);

      await fetch(`${helpdesk.url}/_sandbox/calls`, { method: 'DELETE', headers: { Authorization: admin } });
      const request = new RequestPage(page);
      await request.goto(id);
      const answers = page.getByRole('region', { name: 'Your answers' });
      const answer = (title: string) => answers.locator('div').filter({ has: page.getByRole('term').filter({ hasText: title }) }).getByRole('definition');
      await expect(answer('Order number')).toHaveText('ORD-123456');
      await expect(answer('Product')).toHaveText('Monitor');
      await expect(answer('Contact me by phone')).toHaveText('Yes');
      await expect(answer('Seats')).toHaveText('3');
      await expect(answer('Operating systems')).toHaveText('Linux');
      await expect(answer('Needed by')).toHaveText('2026-12-24');
      // One request page, its usual calls: the definitions came from the cache.
      const counted = (await (await fetch(`${helpdesk.url}/_sandbox/calls?user=${encodeURIComponent(customer.email)}`, { headers: { Authorization: admin } })).json()) as { byRoute: Record<string, number> };
      expect(counted.byRoute).toEqual(REQUEST_PAGE_CALLS);

      await page.reload();
      await expect(answer('Product')).toHaveText('Monitor');
      expect(await page.content()).not.toContain(SECRET);
      expect(bodies.length).toBeGreaterThan(3);
      for (const body of bodies) expect(body).not.toContain(SECRET);
      expect(bodies.join('\n')).not.toContain('Cost centre');
    });
  });
}

test('the other form asks only its own fields; the drop-down keeps its choice after an error', async ({ page }) => {
  await new LoginPage(page).goto('/requests/new');
  await new LoginPage(page).logIn(customer);
  await page.getByRole('link', { name: 'Access and accounts' }).click();
  await expect(page.getByLabel('Product')).toBeVisible();
  await expect(page.getByLabel('Order number')).toHaveCount(0);
  await page.getByLabel('Product').selectOption({ label: 'VPN' });
  await new NewRequestPage(page).description().fill('No subject on purpose.');
  await new NewRequestPage(page).submit().click();
  await expect(page.getByRole('region', { name: 'There is a problem' }).getByRole('link', { name: 'Enter a subject.' })).toBeVisible();
  await expect(page.getByLabel('Product')).toHaveValue('vpn');
  await page.getByRole('link', { name: 'Choose another kind of request' }).click();
  await expect(page.getByRole('heading', { name: 'What is your request about?' })).toBeVisible();
});

test('with JavaScript, a draft keeps the help desk\'s fields too: text, drop-down, checkboxes come back after a reload', async ({ page }) => {
  await new LoginPage(page).goto('/requests/new');
  await new LoginPage(page).logIn(customer);
  await page.getByRole('link', { name: 'Hardware' }).click();
  const form = new NewRequestPage(page);
  await form.subject().fill('A draft with answers');
  await page.getByLabel('Order number').fill('ORD-654321');
  await page.getByLabel('Product').selectOption({ label: 'Printer' });
  await page.getByLabel('Contact me by phone').check();
  await page.getByRole('group', { name: 'Operating systems' }).getByLabel('macOS').check();
  await page.reload();
  await expect(page.getByText(/We kept your unsent text/)).toBeVisible();
  await expect(form.subject()).toHaveValue('A draft with answers');
  await expect(page.getByLabel('Order number')).toHaveValue('ORD-654321');
  await expect(page.getByLabel('Product')).toHaveValue('printer');
  await expect(page.getByLabel('Contact me by phone')).toBeChecked();
  await expect(page.getByRole('group', { name: 'Operating systems' }).getByLabel('macOS')).toBeChecked();
  await expect(page.getByRole('group', { name: 'Operating systems' }).getByLabel('Linux')).not.toBeChecked();
});
