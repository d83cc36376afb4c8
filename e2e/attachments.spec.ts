import { ROUTE } from './dialect';
import { download, files, forSandbox } from './attachment-files';
import { expect, LoginPage, sandbox, test, type TestFile } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/**
 * Files both ways, with JavaScript: each file is checked in the browser and uploaded at once
 * (app/ui/attachments/), the form sends only seals, and the files come back through the portal.
 * The same without JavaScript: e2e/attachments-no-javascript.spec.ts.
 */

const OUTAGE = 'The help desk is not answering right now.';

/** Each link's download, compared with the file it should be. */
async function expectDownloads(page: Page, links: Locator, expected: TestFile[]) {
  await expect(links).toHaveCount(expected.length);
  // Each file once, by its name: the help desk lists a comment's files in its own order (the sandbox: as their uploads finished).
  for (const file of expected) {
    const href = (await links.filter({ hasText: file.name }).getAttribute('href'))!;
    expect(href).toMatch(/^\/requests\/\d+\/attachments\/\d+$/);
    const got = await download(page.request, href);
    expect(got.status, href).toBe(200);
    expect(got.body.equals(file.buffer), `${file.name} comes back byte for byte`).toBe(true);
  }
}

/** Whether the image in `link` was loaded and decoded (a thumbnail the customer sees). */
const thumbnailWidth = (link: Locator) => link.locator('img').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));

test.describe('attachments, with JavaScript', () => {
  test('a new request with two files and a reply with one: listed, downloaded byte for byte, the image as a thumbnail', async ({ page, signedIn, newRequestPage, requestPage }) => {
    void signedIn;
    const image = files.image();
    const log = files.text();
    await newRequestPage.goto();
    await newRequestPage.attachments.upload([image, log]);
    await expect(newRequestPage.attachments.items()).toHaveCount(2);
    await newRequestPage.create('Files both ways', 'A screenshot and a log are attached.');

    const first = requestPage.messages().first();
    await expect(requestPage.files(first)).toHaveCount(2);
    const imageLink = requestPage.files(first).filter({ hasText: 'screenshot.png' });
    const logLink = requestPage.files(first).filter({ hasText: 'printer.log' });
    await expect(imageLink).toContainText('PNG');
    await expect(logLink).toContainText(/LOG, \d+ bytes/);
    await expect.poll(() => thumbnailWidth(imageLink)).toBe(2);
    await expect(logLink.locator('img')).toHaveCount(0);
    await expectDownloads(page, requestPage.files(first), [image, log]);

    const report = files.binary();
    await requestPage.attachments.upload([report]);
    await requestPage.sendReply('One more file.');
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    const reply = requestPage.messages().last();
    await expect(reply).toContainText('One more file.');
    await expectDownloads(page, requestPage.files(reply), [report]);
    // The sent form starts empty again: no file left over for the next reply.
    await expect(requestPage.attachments.list()).toHaveCount(0);

    // A plain image opens inline; anything else is a download; neither can run anything.
    const imageAnswer = await download(page.request, (await imageLink.getAttribute('href'))!);
    expect(imageAnswer.headers['content-type']).toBe('image/png');
    expect(imageAnswer.headers['content-disposition']).toMatch(/^inline; filename="screenshot.png"/);
    const logAnswer = await download(page.request, (await logLink.getAttribute('href'))!);
    expect(logAnswer.headers['content-disposition']).toMatch(/^attachment; filename="printer.log"/);
    for (const answer of [imageAnswer, logAnswer]) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(answer.headers['cache-control']).toMatch(/^private/);
    }
  });

  test('files can be dropped, a pasted screenshot gets a name of its own, and Remove takes one off with focus kept in the list', async ({ page, signedIn, newRequestPage, requestPage }) => {
    void signedIn;
    await newRequestPage.goto();
    const dropped = files.text('dropped.txt');
    const transfer = await page.evaluateHandle(([name, text]) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'text/plain' }));
      return data;
    }, [dropped.name, dropped.buffer.toString()] as const);
    await newRequestPage.attachments.input().dispatchEvent('drop', { dataTransfer: transfer });
    await expect(newRequestPage.attachments.item('dropped.txt')).toContainText('Ready to send');

    // A screenshot pasted into the description: browsers call it image.png.
    await newRequestPage.description().evaluate((textarea, base64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'image.png', { type: 'image/png' }));
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, files.image().buffer.toString('base64'));
    const pasted = newRequestPage.attachments.items().filter({ hasText: /screenshot-\d{4}-\d{2}-\d{2}-\d{6}\.png/ });
    await expect(pasted).toContainText('Ready to send');
    await expect(newRequestPage.description()).toHaveValue('');

    const extra = files.text('extra.txt');
    await newRequestPage.attachments.upload([extra]);
    await newRequestPage.attachments.remove('dropped.txt').click();
    await expect(newRequestPage.attachments.items()).toHaveCount(2);
    // Said to a screen reader (a polite live region), not shown.
    await expect(page.getByText('dropped.txt was removed.')).toHaveAttribute('aria-live', 'polite');
    // Focus moves to the file that took its place, so the keyboard stays in the list.
    await expect(newRequestPage.attachments.items().first().getByRole('button', { name: /^Remove screenshot-/ })).toBeFocused();

    await newRequestPage.create('Dropped and pasted', 'The dropped file was removed again.');
    const links = requestPage.files(requestPage.messages().first());
    await expect(links).toHaveCount(2);
    await expect(links.filter({ hasText: /screenshot-\d{4}-\d{2}-\d{2}-\d{6}\.png/ })).toHaveCount(1);
    await expect(links.filter({ hasText: 'extra.txt' })).toHaveCount(1);
  });

  test('a 21 MB file and a .exe are refused in the browser before any upload, with words naming the file and the rule, and the text stays', async ({ page, signedIn, newRequestPage, requestPage }) => {
    void signedIn;
    const uploads: string[] = [];
    page.on('request', (request) => void (request.url().includes('/requests/uploads') && uploads.push(request.url())));
    await newRequestPage.goto();
    await newRequestPage.subject().fill('Refused files');
    await newRequestPage.description().fill('The text typed before choosing the files');
    await newRequestPage.attachments.choose([files.tooLarge(), files.program()]);
    await expect(newRequestPage.attachments.errors()).toContainText('“huge.zip” is too large: a file can be at most 20 MB.');
    await expect(newRequestPage.attachments.errors()).toContainText('“setup.exe” can’t be attached: .exe files are programs or scripts, which are not accepted.');
    await expect(newRequestPage.attachments.input()).toHaveAttribute('aria-invalid', 'true');
    await expect(newRequestPage.attachments.list()).toHaveCount(0);
    expect(uploads).toEqual([]);
    await expect(newRequestPage.subject()).toHaveValue('Refused files');
    await expect(newRequestPage.description()).toHaveValue('The text typed before choosing the files');

    // A file that passes still goes, and the request is sent with it alone.
    const fine = files.text('fine.txt');
    await newRequestPage.attachments.upload([fine]);
    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
    await expectDownloads(page, requestPage.files(requestPage.messages().first()), [fine]);
  });

  test('the upload route checks again, before reading the body: size, type, name, origin and session', async ({ page, signedIn, playwright }) => {
    void signedIn;
    const post = (name: string, data: Buffer, headers: Record<string, string> = {}) =>
      page.request.post(`/requests/uploads?${new URLSearchParams({ name })}`, { data, headers: { Origin: new URL(page.url()).origin, 'Content-Type': 'application/octet-stream', ...headers }, failOnStatusCode: false });
    const large = await post('huge.zip', files.tooLarge().buffer);
    expect(large.status()).toBe(413);
    expect((await large.json()).error).toMatchObject({ code: 'too_large', message: '“huge.zip” is too large: a file can be at most 20 MB.' });
    const program = await post('Setup.EXE', files.program().buffer);
    expect(program.status()).toBe(415);
    expect((await program.json()).error).toMatchObject({ code: 'blocked_type', message: '“Setup.EXE” can’t be attached: .exe files are programs or scripts, which are not accepted.' });
    const empty = await post('empty.txt', Buffer.alloc(0));
    expect(empty.status()).toBe(400);
    expect((await empty.json()).error.code).toBe('empty');
    const foreign = await post('fine.txt', Buffer.from('x'), { Origin: 'https://evil.example' });
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).error.code).toBe('cross_origin');
    const fine = await post('fine.txt', Buffer.from('fine'));
    expect(fine.status()).toBe(200);
    expect((await fine.json()).upload).toMatchObject({ fileName: 'fine.txt', size: 4 });
    expect(fine.headers()['cache-control']).toBe('no-store');
    expect(fine.headers()['x-content-type-options']).toBe('nosniff');

    const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
    const signedOut = await anonymous.post('/requests/uploads?name=a.txt', { data: Buffer.from('a'), failOnStatusCode: false });
    expect(signedOut.status()).toBe(401);
    expect((await signedOut.json()).error).toMatchObject({ code: 'session_ended', message: 'Your session has ended. Log in again to attach files.' });
    await anonymous.dispose();
  });

  test('a send that fails keeps the text and the files; the retry attaches each file once, without uploading again', async ({ page, signedIn, requester, newRequestPage, requestPage }) => {
    void signedIn;
    const image = files.image();
    const log = files.text();
    await newRequestPage.goto();
    await newRequestPage.subject().fill('Sent during an outage');
    await newRequestPage.description().fill('With two files');
    await newRequestPage.attachments.upload([image, log]);
    const uploads: string[] = [];
    page.on('request', (request) => void (request.url().includes('/requests/uploads') && uploads.push(request.url())));

    const { id: fault } = await sandbox.fault({ route: ROUTE.create, user: requester, kind: 'status', status: 503 });
    await newRequestPage.submit().click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText(OUTAGE);
    await expect(newRequestPage.description()).toHaveValue('With two files');
    await expect(newRequestPage.attachments.items()).toHaveCount(2);
    for (const name of [image.name, log.name]) await expect(newRequestPage.attachments.item(name)).toContainText('Ready to send');
    await sandbox.clearFault(fault);

    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
    await expectDownloads(page, requestPage.files(requestPage.messages().first()), [image, log]);
    expect(uploads, 'the retry sent no file again').toEqual([]);
    // As the help desk holds it: one comment, each file once.
    const id = /\/requests\/(\d+)/.exec(page.url())![1]!;
    expect((await sandbox.comments(id)).map((comment) => comment.attachments.map((file) => file.fileName).sort())).toEqual([[log.name, image.name].sort()]);

    // The same for a reply.
    const report = files.binary();
    await requestPage.attachments.upload([report]);
    const { id: replyFault } = await sandbox.fault({ route: ROUTE.reply, user: requester, kind: 'status', status: 503 });
    await requestPage.sendReply('A reply with a report');
    await expect(page.getByRole('main').getByRole('alert')).toContainText(OUTAGE);
    await expect(requestPage.reply()).toHaveValue('A reply with a report');
    await expect(requestPage.attachments.item(report.name)).toContainText('Ready to send');
    await sandbox.clearFault(replyFault);
    await requestPage.send().click();
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    await expect(requestPage.messages()).toHaveCount(2);
    await expectDownloads(page, requestPage.files(requestPage.messages().last()), [report]);
  });

  test('another customer’s file, and an id nobody has, are a 404; another customer’s upload cannot be attached', async ({ page, signedIn, newRequestPage, requestPage, browser }) => {
    void signedIn;
    const secret = files.text('secret.txt');
    await newRequestPage.goto();
    await newRequestPage.attachments.upload([secret]);
    const id = await newRequestPage.create('Mine only', 'With a file nobody else may read');
    const href = (await requestPage.files(requestPage.messages().first()).first().getAttribute('href'))!;
    expect((await download(page.request, `/requests/${id}/attachments/999999999`)).status).toBe(404);
    expect((await download(page.request, `/requests/${id}/attachments/not-a-number`)).status).toBe(404);

    // A seal the first customer was given, for a file not yet sent.
    const origin = new URL(page.url()).origin;
    const upload = await page.request.post('/requests/uploads?name=planted.txt', { data: Buffer.from('planted'), headers: { Origin: origin, 'Content-Type': 'text/plain' } });
    const { seal } = (await upload.json()).upload as { seal: string };

    const other = await sandbox.createEndUser('other');
    const context = await browser.newContext({ baseURL: origin });
    const otherPage = await context.newPage();
    await new LoginPage(otherPage).goto();
    await new LoginPage(otherPage).logIn(other);
    await expect(otherPage.getByRole('heading', { name: 'My requests' })).toBeVisible();
    const stolen = await download(otherPage.request, href);
    expect(stolen.status).toBe(404);
    expect(stolen.body.toString()).not.toContain('nobody else may read');
    expect(stolen.body.toString()).toContain('File not found');

    // The other customer's form with the first customer's seal: refused, named, nothing attached.
    await otherPage.goto('/requests/new');
    await otherPage.getByLabel('Subject').fill('With a stolen file');
    await otherPage.getByLabel('Description').fill('Trying to attach someone else’s upload');
    await otherPage.locator('form').filter({ has: otherPage.getByLabel('Subject') }).evaluate((form, value) => {
      const input = Object.assign(document.createElement('input'), { type: 'hidden', name: 'upload', value });
      form.append(input);
    }, seal);
    await otherPage.getByRole('button', { name: 'Submit request' }).click();
    await expect(otherPage.locator('#files-errors')).toContainText('“planted.txt” has to be chosen again');
    await expect(otherPage.getByLabel('Description')).toHaveValue('Trying to attach someone else’s upload');
    await context.close();
  });

  test('an agent’s file on a public reply is listed and downloads; one on an internal note is never listed nor downloadable', async ({ page, signedIn, requester, requestPage }) => {
    void signedIn;
    const id = await sandbox.createRequest(requester, 'Agent files', 'Please send the invoice.');
    const invoice = files.binary('invoice-march.pdf', 5_000);
    const note = files.text('internal-notes.txt', 'For agents only: the customer is on the old plan.');
    await sandbox.agentComment(id, 'The March invoice is attached.', true, [forSandbox(invoice)]);
    await sandbox.agentComment(id, 'Internal: see the file.', false, [forSandbox(note)]);
    const hidden = (await sandbox.comments(id)).find((comment) => !comment.isPublic)?.attachments[0]?.id;
    expect(hidden, 'the internal note has its file at the help desk').toBeTruthy();

    await requestPage.goto(id);
    await expect(requestPage.messages()).toHaveCount(2);
    const reply = requestPage.messages().last();
    await expect(reply).toContainText('The March invoice is attached.');
    await expectDownloads(page, requestPage.files(reply), [invoice]);
    await expect(page.getByRole('main')).not.toContainText('internal-notes.txt');
    await expect(page.getByRole('main')).not.toContainText('Internal: see the file.');

    const guessed = await download(page.request, `/requests/${id}/attachments/${hidden}`);
    expect(guessed.status).toBe(404);
    expect(guessed.body.toString()).not.toContain('old plan');
  });

  test('HTML and SVG files are downloaded, never shown on the portal’s pages', async ({ page, signedIn, newRequestPage, requestPage }) => {
    void signedIn;
    const html = files.html();
    const svg = files.svg();
    await newRequestPage.goto();
    await newRequestPage.attachments.upload([html, svg]);
    await newRequestPage.create('Active content', 'An HTML page and an SVG drawing.');
    const links = requestPage.files(requestPage.messages().first());
    await expectDownloads(page, links, [html, svg]);
    // No thumbnail for an SVG: it is not a plain image.
    await expect(links.locator('img')).toHaveCount(0);
    for (const name of [html.name, svg.name]) {
      const link = links.filter({ hasText: name });
      const answer = await download(page.request, (await link.getAttribute('href'))!);
      expect(answer.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${name}"`));
      expect(answer.headers['content-type']).toBe('application/octet-stream');
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      // A click downloads it: the page stays where it is and nothing in the file runs.
      const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(saved.suggestedFilename()).toBe(name);
      await expect(page).toHaveURL(/\/requests\/\d+\?created=1$/);
      expect(await page.title()).not.toBe('ran');
    }
    // Opened directly, it still only downloads.
    const direct = await page.context().newPage();
    const [saved] = await Promise.all([direct.waitForEvent('download'), direct.goto((await links.filter({ hasText: html.name }).getAttribute('href'))!).catch(() => null)]);
    expect(saved.suggestedFilename()).toBe(html.name);
    await direct.close();
  });
});
