import { unsealData } from 'iron-session';
import { expect, LoginPage, NewRequestPage, RequestPage, sandbox, test } from './fixtures';
import { E2E_SESSION_SECRET, OBO_PORTAL_URL } from './ports';
import { SESSION_COOKIE_NAME } from '../lib/session/cookie';

async function sessionContents(cookies: { name: string; value: string }[]) {
  const cookie = cookies.find((c) => c.name === SESSION_COOKIE_NAME);
  if (!cookie) throw new Error('no session cookie');
  return unsealData<Record<string, unknown>>(cookie.value, { password: E2E_SESSION_SECRET });
}

test('end-user mode: the sealed cookie carries what is needed to call as the user', async ({ context, requester, signedIn }) => {
  void signedIn;
  const session = await sessionContents(await context.cookies());
  expect(session.requester).toMatchObject({ email: requester.email, id: requester.id });
  expect(session.password).toBe(requester.password);
});

test.describe('on-behalf-of mode (HELPDESK_AGENT_EMAIL set)', () => {
  test.use({ baseURL: OBO_PORTAL_URL });

  test('the cookie keeps only who the user is, and every flow works through the agent', async ({ page, context, requester }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.logIn({ email: requester.email, password: 'wrong-password' });
    await expect(page.getByRole('main').getByRole('alert')).toContainText('don’t match an account');
    await login.logIn(requester);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();

    const session = await sessionContents(await context.cookies());
    expect(session.requester).toMatchObject({ email: requester.email });
    expect(session).not.toHaveProperty('password');
    expect(JSON.stringify(session)).not.toContain(requester.password);

    await sandbox.resetCalls(requester);
    const create = new NewRequestPage(page);
    await create.goto();
    await create.create('Via the agent', 'Created on my behalf');
    const request = new RequestPage(page);
    await request.sendReply('Replied on my behalf');
    await expect(request.messages()).toHaveCount(2);
    await expect(request.messages().nth(1)).toContainText('You');
    const calls = await sandbox.calls(requester);
    expect(calls.byRoute['POST /requests']).toBe(1);
    expect(calls.byRoute['PUT /requests/:id']).toBe(1);

    // Another user's request stays invisible in this mode too.
    const other = await sandbox.createEndUser('stranger');
    const foreign = await sandbox.createRequest(other, 'Not yours', 'Hidden');
    const response = await page.goto(`/requests/${foreign}`);
    expect(response?.status()).toBe(404);
  });
});
