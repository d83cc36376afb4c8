import { expect, sandbox, test } from './fixtures';
import { SANDBOX_URL } from './ports';
import { SUPPORT_REPLY_LABEL } from './dialect';

test.describe('creating a request and replying', () => {
  test('a new request opens its page with a confirmation naming its number', async ({ page, signedIn, newRequestPage }) => {
    void signedIn;
    await page.getByRole('link', { name: 'New request' }).first().click();
    const id = await newRequestPage.create('Cannot log in to billing', 'Since Monday the billing page says "access denied".');
    await expect(page).toHaveURL(new RegExp(`/requests/${id}\\?created=1$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Cannot log in to billing' })).toBeVisible();
    await expect(page.getByText('New', { exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'My requests' }).first().click();
    await expect(page.getByRole('link', { name: 'Cannot log in to billing' })).toBeVisible();
  });

  test('an invalid form says what to fix and keeps every character typed', async ({ page, signedIn, newRequestPage }) => {
    void signedIn;
    await newRequestPage.goto();
    const long = 'x'.repeat(151);
    const description = 'Line one\nLine two with <b>markup</b> & more';
    await newRequestPage.subject().fill(long);
    await newRequestPage.description().fill(description);
    await newRequestPage.submit().click();
    await expect(page.locator('#subject-errors')).toHaveText('The subject must be at most 150 characters; it has 151.');
    await expect(newRequestPage.subject()).toHaveAttribute('aria-invalid', 'true');
    await expect(newRequestPage.subject()).toHaveValue(long);
    await expect(newRequestPage.description()).toHaveValue(description);

    await newRequestPage.subject().fill('   ');
    await newRequestPage.description().fill('a\u0000b');
    await newRequestPage.submit().click();
    await expect(page.locator('#subject-errors')).toHaveText('Enter a subject.');
    await expect(page.locator('#description-errors')).toContainText('NUL');
  });

  test('a subject’s length is counted as the help desk counts it, so the form and the help desk agree', async ({ page, requester, signedIn, newRequestPage }) => {
    void signedIn;
    // The help desk counts UTF-16 units: an emoji is two. Asked directly, it takes 75 and refuses 100.
    const direct = (subject: string) =>
      fetch(`${SANDBOX_URL}/requests.xml`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${requester.email}:${requester.password}`).toString('base64')}`, 'Content-Type': 'application/xml' },
        body: `<ticket><subject>${subject}</subject><description>Asked directly</description></ticket>`,
      });
    expect((await direct('😀'.repeat(100))).status).toBe(422);
    expect((await direct('😀'.repeat(75))).status).toBe(201);

    await newRequestPage.goto();
    await newRequestPage.subject().fill('😀'.repeat(100));
    await newRequestPage.description().fill('One hundred emoji');
    await sandbox.resetCalls(requester);
    await newRequestPage.submit().click();
    await expect(page.locator('#subject-errors')).toHaveText(
      'The subject must be at most 150 characters; it has 200, because emoji and some other symbols count as two.',
    );
    await expect(newRequestPage.subject()).toHaveValue('😀'.repeat(100));
    expect((await sandbox.calls(requester)).total).toBe(0);

    // Exactly at the limit: the form sends it and the help desk takes it.
    const atLimit = '😀'.repeat(74) + 'ab';
    const id = await newRequestPage.create(atLimit, 'At the limit');
    await expect(page.getByRole('heading', { level: 1, name: atLimit })).toBeVisible();
    expect(id).toMatch(/^\d+$/);
  });

  test('the conversation reads oldest first, starting with the description, and a reply joins it', async ({ page, requester, signedIn, requestPage }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Wi-Fi drops', 'The Wi-Fi drops every hour.');
    await sandbox.agentComment(id, 'Have you tried turning the router off and on?', true);
    await requestPage.goto(id);
    await expect(page.getByRole('heading', { level: 1, name: 'Wi-Fi drops' })).toBeVisible();
    const messages = requestPage.messages();
    await expect(messages).toHaveCount(2);
    await expect(messages.nth(0)).toContainText('You');
    await expect(messages.nth(0)).toContainText('The Wi-Fi drops every hour.');
    await expect(messages.nth(1)).toContainText(SUPPORT_REPLY_LABEL);
    await expect(messages.nth(1)).toContainText('turning the router off and on');

    await requestPage.sendReply('Yes, twice. Still drops.');
    await expect(page.getByRole('status').filter({ hasText: 'Your reply was sent.' })).toBeVisible();
    await expect(messages).toHaveCount(3);
    await expect(messages.nth(2)).toContainText('Yes, twice. Still drops.');
    await expect(requestPage.reply()).toHaveValue('');
  });

  test('an empty reply is refused and a reply to a solved request reopens it', async ({ page, requester, signedIn, requestPage }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Solved one', 'Old problem');
    await sandbox.setStatus(id, 'solved');
    await requestPage.goto(id);
    await expect(page.getByText('Solved', { exact: true })).toBeVisible();
    await expect(page.getByText('This request is solved. Replying reopens it.')).toBeVisible();
    await requestPage.sendReply('   ');
    await expect(page.locator('#body-errors')).toHaveText('Enter a reply.');
    await requestPage.sendReply('It came back.');
    await expect(page.getByText('Open', { exact: true })).toBeVisible();
  });

  test('a closed request says so and offers a new request instead of a reply box', async ({ page, requester, signedIn, requestPage }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Closed one', 'Ancient history');
    await sandbox.setStatus(id, 'closed');
    await requestPage.goto(id);
    await expect(page.getByText('This request is closed')).toBeVisible();
    await expect(requestPage.reply()).toHaveCount(0);
    await page.getByRole('link', { name: 'Create a new request' }).click();
    await expect(page.getByRole('heading', { name: 'New request' })).toBeVisible();
  });

  test('text with markup, entities, CDATA ends, quotes, emoji and other scripts round-trips exactly', async ({ page, signedIn, newRequestPage, requestPage }) => {
    void signedIn;
    const subject = `<script>alert("s")</script> & ]]> 'q' 😀 日本語`;
    const description = `  <script>window.pwned=1</script>\n&amp; & < > ]]> "double" 'single'\n😀👩‍👩‍👧 Ελληνικά русский עברית العربية 中文  `;
    await newRequestPage.goto();
    const id = await newRequestPage.create(subject, description);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
    expect(await requestPage.messages().nth(0).locator('div').textContent()).toBe(description);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    const reply = `]]><![CDATA[ <img src=x onerror="window.pwned=2"> &lt; ✓\n  indented`;
    await requestPage.sendReply(reply);
    await expect(requestPage.messages()).toHaveCount(2);
    expect(await requestPage.messages().nth(1).locator('div').textContent()).toBe(reply);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    // And the help desk holds exactly what was typed.
    const xml = await sandbox.ticketXml(id);
    const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    const values = [...xml.matchAll(/<value>([\s\S]*?)<\/value>/g)].map((m) => unescape(m[1]!));
    expect(values).toContain(description);
    expect(values).toContain(reply);
    expect(unescape(/<subject>([\s\S]*?)<\/subject>/.exec(xml)![1]!)).toBe(subject);
  });
});
