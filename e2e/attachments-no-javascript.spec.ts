import { request as httpRequest } from 'node:http';
import { ROUTE } from './dialect';
import { download, files } from './attachment-files';
import { expect, LoginPage, sandbox, test, type TestFile } from './fixtures';
import { PORTAL_URL } from './ports';
import { countRequests } from './resilience-helpers';
import type { Locator, Page } from '@playwright/test';

/**
 * Files both ways from server-rendered HTML alone: the forms' `<input type="file" multiple>` posts
 * to each form's own route (app/requests/form-post.ts), which streams the files to the help desk
 * and, when the form does not go through, brings it back with its text and its files (ticked
 * checkboxes, attached again without a new upload).
 */
test.use({ javaScriptEnabled: false });

const OUTAGE = 'The help desk is not answering right now.';

async function expectDownloads(page: Page, links: Locator, expected: TestFile[]) {
  await expect(links).toHaveCount(expected.length);
  // Each file once, by its name: the help desk lists a comment's files in its own order (the sandbox: as their uploads finished).
  for (const file of expected) {
    const got = await download(page.request, (await links.filter({ hasText: file.name }).getAttribute('href'))!);
    expect(got.status).toBe(200);
    expect(got.body.equals(file.buffer), `${file.name} comes back byte for byte`).toBe(true);
  }
}

test.describe('attachments, without JavaScript', () => {
  test('a new request with two files and a reply with one: listed, downloaded byte for byte, the image as a thumbnail', async ({ page, signedIn, newRequestPage, requestPage }) => {
    void signedIn;
    const image = files.image('photo.png');
    const log = files.text('Bericht März.txt');
    await newRequestPage.goto();
    // The form posts to its own route before (and without) JavaScript, as multipart.
    await expect(page.locator('form').filter({ has: newRequestPage.subject() })).toHaveAttribute('action', '/requests/new/send');
    await expect(page.locator('form').filter({ has: newRequestPage.subject() })).toHaveAttribute('enctype', 'multipart/form-data');
    await newRequestPage.subject().fill('Plain HTML files');
    await newRequestPage.description().fill('Two files, no JavaScript');
    await newRequestPage.attachments.choose([image, log]);
    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();

    const first = requestPage.messages().first();
    await expectDownloads(page, requestPage.files(first), [image, log]);
    const photo = requestPage.files(first).filter({ hasText: 'photo.png' });
    await expect.poll(() => photo.locator('img').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(2);

    const report = files.binary();
    await requestPage.reply().fill('A reply with a file, no JavaScript');
    await requestPage.attachments.choose([report]);
    await requestPage.send().click();
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    await expect(requestPage.messages()).toHaveCount(2);
    await expectDownloads(page, requestPage.files(requestPage.messages().last()), [report]);
  });

  test('a 21 MB file and a .exe are refused with words naming each, the text stays, and the file that passed is kept', async ({ page, signedIn, requester, newRequestPage, requestPage }) => {
    void signedIn;
    const fine = files.text('fine.txt');
    await newRequestPage.goto();
    await newRequestPage.subject().fill('Refused files, no JavaScript');
    await newRequestPage.description().fill('Typed before choosing the files');
    await newRequestPage.attachments.choose([files.tooLarge(), files.program(), fine]);
    await newRequestPage.submit().click();

    await expect(newRequestPage.attachments.errors()).toContainText('“huge.zip” is too large: a file can be at most 20 MB.');
    await expect(newRequestPage.attachments.errors()).toContainText('“setup.exe” can’t be attached: .exe files are programs or scripts, which are not accepted.');
    // The error summary at the top links to the field.
    await expect(page.getByRole('region', { name: 'There is a problem' }).getByRole('link', { name: /huge\.zip/ })).toHaveAttribute('href', '#files');
    await expect(newRequestPage.subject()).toHaveValue('Refused files, no JavaScript');
    await expect(newRequestPage.description()).toHaveValue('Typed before choosing the files');
    await expect(newRequestPage.attachments.kept('fine.txt')).toBeChecked();
    expect((await sandbox.calls(requester)).byRoute[ROUTE.create] ?? 0, 'nothing was filed').toBe(0);

    // Sent again as it is: the kept file goes, once, without being uploaded again.
    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
    await expectDownloads(page, requestPage.files(requestPage.messages().first()), [fine]);
  });

  test('a send that fails keeps the text and the files; unticking one leaves it out, and the retry attaches each file once', async ({ page, signedIn, requester, newRequestPage, requestPage }) => {
    void signedIn;
    const image = files.image();
    const log = files.text();
    const dropped = files.text('not-this-one.txt');
    await newRequestPage.goto();
    await newRequestPage.subject().fill('Outage, no JavaScript');
    await newRequestPage.description().fill('Three files, one to be left out');
    await newRequestPage.attachments.choose([image, log, dropped]);
    const { id: fault } = await sandbox.fault({ route: ROUTE.create, user: requester, kind: 'status', status: 503 });
    await newRequestPage.submit().click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText(OUTAGE);
    await expect(newRequestPage.subject()).toHaveValue('Outage, no JavaScript');
    await expect(newRequestPage.description()).toHaveValue('Three files, one to be left out');
    for (const name of [image.name, log.name, dropped.name]) await expect(newRequestPage.attachments.kept(name)).toBeChecked();
    await sandbox.clearFault(fault);

    await newRequestPage.attachments.kept(dropped.name).uncheck();
    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
    await expectDownloads(page, requestPage.files(requestPage.messages().first()), [image, log]);
    // As the help desk holds it: one comment, each file once, the unticked one not at all.
    const id = /\/requests\/(\d+)/.exec(page.url())![1]!;
    expect((await sandbox.comments(id)).map((comment) => comment.attachments.map((file) => file.fileName).sort())).toEqual([[log.name, image.name].sort()]);

    // A reply that fails comes back to the request page with its text and file.
    const report = files.binary();
    const { id: replyFault } = await sandbox.fault({ route: ROUTE.reply, user: requester, kind: 'status', status: 503 });
    await requestPage.reply().fill('A reply during an outage');
    await requestPage.attachments.choose([report]);
    await requestPage.send().click();
    await expect(page.locator('form').getByRole('alert')).toContainText(OUTAGE);
    await expect(requestPage.reply()).toHaveValue('A reply during an outage');
    await expect(requestPage.attachments.kept(report.name)).toBeChecked();
    await sandbox.clearFault(replyFault);
    await requestPage.send().click();
    await expect(page.getByText('Your reply was sent.')).toBeVisible();
    await expect(requestPage.messages()).toHaveCount(2);
    await expectDownloads(page, requestPage.files(requestPage.messages().last()), [report]);
  });

  test('a form sent after the session ended: sign in again, and the text is back, with the files to choose again named', async ({ page, context, requester, newRequestPage }) => {
    await new LoginPage(page).goto();
    await new LoginPage(page).logIn(requester);
    await newRequestPage.goto();
    await newRequestPage.subject().fill('Written as the session ended');
    await newRequestPage.description().fill('A long text that must not be lost');
    await newRequestPage.attachments.choose([files.text('late.txt')]);
    await context.clearCookies();
    await newRequestPage.submit().click();

    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Your session has ended. Please log in again.');
    await new LoginPage(page).logIn(requester);
    await expect(newRequestPage.subject()).toHaveValue('Written as the session ended');
    await expect(newRequestPage.description()).toHaveValue('A long text that must not be lost');
    await expect(newRequestPage.attachments.errors()).toContainText('“late.txt” was not sent: your session had ended. Please choose it again.');
    expect(await countRequests(requester, 'Written as the session ended')).toBe(0);

    await newRequestPage.attachments.choose([files.text('late.txt')]);
    await newRequestPage.submit().click();
    await expect(page.getByRole('status').filter({ hasText: /was submitted/ })).toBeVisible();
    expect(await countRequests(requester, 'Written as the session ended')).toBe(1);
  });

  test('the forms’ routes refuse another site’s post, and a post larger than every file together before reading it', async ({ page, signedIn, requester }) => {
    void signedIn;
    const foreign = await page.request.post('/requests/new/send', {
      multipart: { subject: 'Planted from elsewhere', description: 'x' },
      headers: { Origin: 'https://evil.example' },
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).toContain('This form was sent from another website');
    expect(await countRequests(requester, 'Planted from elsewhere')).toBe(0);

    // Headers announcing 300 MB, and no body yet: the answer comes before any of it is read.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const post = httpRequest(`${PORTAL_URL}/requests/new/send`, {
        method: 'POST',
        headers: { cookie, origin: PORTAL_URL, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(300 * 1000 * 1000) },
      });
      post.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      post.on('error', reject);
      post.flushHeaders();
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('These files are too large to send in one go: a message can have at most 10 files of 20 MB each.');
  });
});
