import { test as base, expect, type Page } from '@playwright/test';
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

export class NewRequestPage {
  constructor(readonly page: Page) {}
  readonly subject = () => this.page.getByLabel('Subject');
  readonly description = () => this.page.getByLabel('Description');
  readonly submit = () => this.page.getByRole('button', { name: 'Submit request' });

  async goto() {
    await this.page.goto('/requests/new');
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
  constructor(readonly page: Page) {}
  readonly reply = () => this.page.getByLabel('Reply', { exact: true });
  readonly send = () => this.page.getByRole('button', { name: 'Send reply' });
  /** Each message of the public conversation, oldest first. */
  readonly messages = () => this.page.getByRole('list', { name: 'Conversation' }).getByRole('listitem');

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
