import { expect, LoginPage, sandbox, test } from './fixtures';
import { AGENT_FIELD_NAMES, DIALECT, REQUEST_PAGE_CALLS, ROUTE } from './dialect';

test.describe('each customer sees only their own requests, in the end-user view', () => {
  test('another customer’s request is a 404 page with none of its content', async ({ browser, requester }) => {
    const id = await sandbox.createRequest(requester, 'Private matter of the first user', 'Secret details: account 1234');
    const other = await sandbox.createEndUser('other');
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.logIn(other);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    await expect(page.getByText('Private matter')).toHaveCount(0);

    const response = await page.goto(`/requests/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Request not found' })).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain('Private matter');
    expect(html).not.toContain('Secret details');
    await context.close();
  });

  test('internal notes and agent-only fields never reach any page’s HTML', async ({ page, requester, signedIn }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Billing question', 'Why was I charged twice?');
    await sandbox.agentComment(id, 'INTERNAL-NOTE-7c1f: customer is on the legacy plan', false);
    await sandbox.agentComment(id, 'We are looking into it.', true);
    await sandbox.updateTicket(
      id,
      '<priority-id>4</priority-id><set-tags>vip-secret-tag escalated-secret</set-tags><ticket-type-id>2</ticket-type-id>' +
        '<ticket-field-entries type="array"><ticket-field-entry><ticket-field-id>139</ticket-field-id><value>FIELD-SECRET-42</value></ticket-field-entry></ticket-field-entries>',
    );
    // The agent's view has them, so the test would see them if the portal leaked them.
    const agentView = await sandbox.ticketXml(id);
    for (const secret of ['INTERNAL-NOTE-7c1f', 'vip-secret-tag', 'FIELD-SECRET-42', '<priority-id>4']) expect(agentView).toContain(secret);

    for (const path of ['/requests', `/requests/${id}`, '/requests?status=solved', '/requests/new']) {
      const response = await page.goto(path);
      const html = (await response!.text()) + (await page.content());
      for (const secret of ['INTERNAL-NOTE-7c1f', 'legacy plan', 'vip-secret-tag', 'escalated-secret', 'FIELD-SECRET-42', ...AGENT_FIELD_NAMES]) {
        expect(html, `${secret} on ${path}`).not.toContain(secret);
      }
    }
    await page.goto(`/requests/${id}`);
    await expect(page.getByText('We are looking into it.')).toBeVisible();
  });
});

test.describe('one help desk call per page view', () => {
  test(`list, open, and new-request pages each make the ${DIALECT} API's calls for them, or none`, async ({ page, requester, signedIn }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Counting calls', 'One call only');
    for (let i = 0; i < 5; i++) await sandbox.agentComment(id, `Reply ${i}`, i % 2 === 0);

    const expectations: [string, Record<string, number>][] = [
      ['/requests', { [ROUTE.list]: 1 }],
      ['/requests?status=solved&page=1', { [ROUTE.list]: 1 }],
      [`/requests/${id}`, REQUEST_PAGE_CALLS],
      ['/requests/new', {}],
    ];
    // The new-request form asks the help desk's field definitions, kept for HELPDESK_FIELDS_TTL_SECONDS
    // for every customer: read once here, so the counted view below is the cached one.
    await page.goto('/requests/new');
    for (const [path, byRoute] of expectations) {
      await sandbox.resetCalls(requester);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const calls = await sandbox.calls(requester);
      expect(calls.byRoute, path).toEqual(byRoute);
      expect(calls.total, path).toBe(Object.values(byRoute).reduce((a, b) => a + b, 0));
    }
  });

  test('creating a request and replying are one write each, plus the page they land on', async ({ page, requester, signedIn, newRequestPage, requestPage }) => {
    void signedIn;
    await newRequestPage.goto();
    await sandbox.resetCalls(requester);
    await newRequestPage.create('Counted create', 'Body');
    expect((await sandbox.calls(requester)).byRoute).toEqual({ [ROUTE.create]: 1, ...REQUEST_PAGE_CALLS });
    await sandbox.resetCalls(requester);
    await requestPage.sendReply('Counted reply');
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    expect((await sandbox.calls(requester)).byRoute).toEqual({ [ROUTE.reply]: 1, ...REQUEST_PAGE_CALLS });
  });
});
