import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { sandbox, type EndUser } from './sandbox-admin';

/**
 * Small page objects over the portal's pages. They find things the way a person (or a screen
 * reader) does, by role and label, so a passing test is also evidence the page is accessible.
 */
export class LoginPage {
  constructor(readonly page: Page) {}
  readonly email = () => this.page.getByLabel('Email');
  readonly password = () => this.page.getByLabel('Password');
  readonly submit = () => this.page.getByRole('button', { name: 'Log in' });

  async goto(next?: string) {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  }

  async logIn(user: { email: string; password: string }) {
    await this.email().fill(user.email);
    await this.password().fill(user.password);
    await this.submit().click();
  }
}

/** A file as a test hands it to the file picker: name, type and bytes. */
export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * The files of a new-request or reply form (app/ui/attachments/attachment-picker.tsx): the file
 * input by its label, the list of chosen files by its name, each file's Remove button by the file's
 * name, and the field's messages. Works with and without JavaScript (without, files already with
 * the help desk are ticked checkboxes).
 */
export class AttachmentsField {
  constructor(readonly page: Page) {}
  readonly input = () => this.page.getByLabel('Attachments');
  readonly list = () => this.page.getByRole('list', { name: 'Files to send' });
  readonly items = () => this.list().getByRole('listitem');
  readonly item = (name: string) => this.items().filter({ hasText: name });
  readonly remove = (name: string) => this.page.getByRole('button', { name: `Remove ${name}` });
  /** Without JavaScript: the checkbox that keeps a file the help desk already has. */
  readonly kept = (name: string) => this.page.getByRole('checkbox', { name: `Send ${name} (` });
  /** The field's messages (the browser's checks and the server's). */
  readonly errors = () => this.page.locator('#files-errors');

  async choose(files: TestFile[]) {
    await this.input().setInputFiles(files);
  }

  /** With JavaScript: chooses the files and waits until each is with the help desk. */
  async upload(files: TestFile[]) {
    await this.choose(files);
    for (const file of files) await expect(this.item(file.name)).toContainText('Ready to send', { timeout: 20_000 });
  }
}

export class NewRequestPage {
  readonly attachments: AttachmentsField;
  constructor(readonly page: Page) {
    this.attachments = new AttachmentsField(page);
  }
  readonly subject = () => this.page.getByLabel('Subject');
  readonly description = () => this.page.getByLabel('Description');
  readonly submit = () => this.page.getByRole('button', { name: 'Submit request' });
  /** The people to copy in (CCs), one box of email addresses. */
  readonly ccs = () => this.page.getByLabel('Copy others in (CC)');
  /** The line naming the closed request a follow-up is linked to. */
  readonly followUpOf = () => this.page.getByText(/^This request follows up on request #\d+/);

  async goto(options: { followUp?: string } = {}) {
    await this.page.goto(options.followUp ? `/requests/new?followUp=${options.followUp}` : '/requests/new');
  }

  /** Submits and, on success, returns the new request's number from the confirmation. */
  async create(subject: string, description: string): Promise<string> {
    await this.subject().fill(subject);
    await this.description().fill(description);
    await this.submit().click();
    const confirmation = this.page.getByRole('status').filter({ hasText: /Request #\d+ was submitted/ });
    await expect(confirmation).toBeVisible();
    const id = /#(\d+)/.exec((await confirmation.textContent()) ?? '')?.[1];
    if (!id) throw new Error('the confirmation did not name the request');
    return id;
  }
}

export class RequestPage {
  readonly attachments: AttachmentsField;
  constructor(readonly page: Page) {
    this.attachments = new AttachmentsField(page);
  }
  readonly reply = () => this.page.getByLabel('Reply', { exact: true });
  readonly send = () => this.page.getByRole('button', { name: 'Send reply' });
  /** The people to copy in with a reply (CCs). */
  readonly ccs = () => this.page.getByLabel('Copy others in (CC)');
  /** "Mark as solved" with an empty box; "Mark as solved and send" once it holds a reply (with JavaScript). */
  readonly markSolved = () => this.page.getByRole('button', { name: 'Mark as solved', exact: true });
  readonly markSolvedAndSend = () => this.page.getByRole('button', { name: 'Mark as solved and send' });
  readonly anySolveButton = () => this.page.getByRole('button', { name: /^Mark as solved/ });
  readonly createFollowUp = () => this.page.getByRole('link', { name: 'Create a follow-up' });
  /** Each message of the public conversation, oldest first (its own items only: a message's files are a list inside it). */
  readonly messages = () => this.page.getByRole('list', { name: 'Conversation' }).locator(':scope > li');
  /** The download links of one message's files (a Locator of the message), in order. */
  readonly files = (message: Locator) => message.getByRole('list', { name: 'Attached files' }).getByRole('link');
  readonly details = () => this.page.getByRole('region', { name: 'Details' });

  /** The value beside a label of the details panel ("Number", "Created", "Requester"…). */
  detail(label: string): Locator {
    return this.details()
      .locator('div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) })
      .getByRole('definition');
  }

  /** A message's author as written: their name, or "You". */
  author(message: Locator): Locator {
    return message.locator('strong').first();
  }

  /**
   * A message's avatar: decorative (the name is beside it, so it is hidden from screen readers and
   * has no role); `data-avatar` says which it is, `photo` or `initials`.
   */
  avatar(message: Locator): Locator {
    return message.locator('[data-avatar]');
  }

  async goto(id: string) {
    await this.page.goto(`/requests/${id}`);
  }

  async sendReply(text: string) {
    await this.reply().fill(text);
    await this.send().click();
  }

  /**
   * Presses Send again, as a customer would after a failure, until the page says the reply was
   * sent (the portal may first say an earlier attempt is still settling).
   */
  /** "Mark as solved", as a customer does with an empty box, and the page that says it is. */
  async markAsSolved() {
    await this.markSolved().click();
    await expect(this.page.getByRole('status').filter({ hasText: 'You marked this request as solved.' })).toBeVisible();
  }

  async sendAgainUntilSent() {
    const sent = this.page.getByText('Your reply was sent.');
    await expect(async () => {
      if (!(await sent.isVisible())) await this.send().click({ timeout: 2_000 });
      await expect(sent).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000, intervals: [1_000] });
  }
}

/** My requests: the search box, the order, the status tabs, and the requests shown (search, filter and sort live in the URL). */
export class MyRequestsPage {
  constructor(readonly page: Page) {}
  readonly searchBox = () => this.page.getByRole('searchbox', { name: 'Search your requests' });
  readonly sortBy = () => this.page.getByLabel('Sort by');
  readonly searchButton = () => this.page.getByRole('button', { name: 'Search', exact: true });
  readonly statusTab = (name: 'Open' | 'Awaiting your reply' | 'Solved' | 'All') =>
    this.page.getByRole('navigation', { name: 'Request status' }).getByRole('link', { name, exact: true });
  /** Whose requests: "My requests", "Requests I’m copied on", "My organization". */
  readonly viewTab = (name: 'My requests' | 'Requests I’m copied on' | 'My organization') =>
    this.page.getByRole('navigation', { name: 'Whose requests' }).getByRole('link', { name, exact: true });
  /** The requests shown, in order: each row's title link. */
  readonly titles = () => this.page.getByRole('list', { name: 'My requests' }).getByRole('listitem').getByRole('link');
  /** The announced count ("3 requests match “printer”"). */
  readonly summary = () => this.page.getByRole('main').getByRole('status').first();

  async goto(query = '') {
    await this.page.goto(`/requests${query}`);
  }

  /** Types the words (and picks an order, by its label), presses Search, and waits for that search's URL. */
  async search(words: string, sort?: string) {
    await this.searchBox().fill(words);
    if (sort) await this.sortBy().selectOption({ label: sort });
    await this.searchButton().click();
    await this.page.waitForURL((url) => url.searchParams.get('q') === words.trim());
  }

  async expectTitles(titles: string[]) {
    await expect(this.titles()).toHaveText(titles);
  }
}

interface Fixtures {
  /** A fresh end user of the sandbox help desk, unique to this test. */
  requester: EndUser;
  /** A page already signed in as `requester`. */
  signedIn: Page;
  loginPage: LoginPage;
  newRequestPage: NewRequestPage;
  requestPage: RequestPage;
}

export const test = base.extend<Fixtures>({
  requester: async ({}, use) => {
    await use(await sandbox.createEndUser());
  },
  signedIn: async ({ page, requester }, use) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.logIn(requester);
    await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
    await use(page);
  },
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  newRequestPage: async ({ page }, use) => use(new NewRequestPage(page)),
  requestPage: async ({ page }, use) => use(new RequestPage(page)),
});

export { expect, sandbox };
export type { EndUser };
