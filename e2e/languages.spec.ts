import type { Page } from '@playwright/test';
import { createTranslator } from 'use-intl/core';
import { expect, test, type EndUser } from './fixtures';
import { hostUrl, portalFrame, ssoToken } from './embed-host';
import { EMBED_PORTAL_URL } from './ports';
import ar from '../lib/i18n/messages/ar.json';
import de from '../lib/i18n/messages/de.json';
import en from '../lib/i18n/messages/en.json';
import es from '../lib/i18n/messages/es.json';
import ja from '../lib/i18n/messages/ja.json';
import { LOCALE_COOKIE_NAME } from '../lib/i18n/cookie';
import type { Locale } from '../lib/i18n/locales';

// The portal in other languages. Every name a test looks for comes from the catalogs
// (lib/i18n/messages), so a translation that changes stays tested without copies here.

type Messages = typeof en;
const catalogs = { de, ar } as const;

/** A catalog's message with its placeholders filled in, as the portal renders it. */
const say = (locale: Locale, messages: Messages) => createTranslator({ locale, messages });

/** Sign in, see the list, create a request (after a refused empty one), open it, reply. */
async function mainFlow(page: Page, requester: EndUser, locale: keyof typeof catalogs) {
  const m: Messages = catalogs[locale];
  const t = say(locale, m);
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
  await expect(page).toHaveTitle(t('meta.titleTemplate', { title: m.login.title }));
  await expect(page.getByRole('heading', { name: m.login.heading })).toBeVisible();

  // An error path: nothing typed. The field says why, in the customer's language.
  await page.getByRole('button', { name: m.login.submit }).click();
  await expect(page.locator('#email-errors')).toHaveText(m.fields.emailRequired);

  await page.getByLabel(m.login.email).fill(requester.email);
  await page.getByLabel(m.login.password).fill(requester.password);
  await page.getByRole('button', { name: m.login.submit }).click();
  await expect(page.getByRole('heading', { name: m.requests.heading })).toBeVisible();
  await expect(page.getByRole('heading', { name: t('requests.emptyHeading', { status: 'open' }) })).toBeVisible();

  await page.getByRole('navigation', { name: m.layout.mainNav }).getByRole('link', { name: m.layout.newRequest }).click();
  await expect(page.getByRole('heading', { name: m.newRequest.heading })).toBeVisible();
  const subject = `${locale}: ${m.status.pending}`;
  await page.getByLabel(m.newRequest.subject).fill(subject);
  await page.getByRole('button', { name: m.newRequest.submit }).click();
  await expect(page.locator('#description-errors')).toHaveText(m.fields.descriptionRequired);
  await expect(page.getByLabel(m.newRequest.subject)).toHaveValue(subject);

  await page.getByLabel(m.newRequest.description).fill('Written in the customer’s own words.');
  await page.getByRole('button', { name: m.newRequest.submit }).click();
  const submitted = new RegExp(t('request.submittedTitle', { id: '\u0000' }).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('\u0000', '\\d+'));
  await expect(page.getByRole('status').filter({ hasText: submitted })).toBeVisible();
  // The help desk's text is shown as written.
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText(m.status.new, { exact: true })).toBeVisible();

  await page.getByLabel(m.request.reply, { exact: true }).fill('A reply in any language.');
  await page.getByRole('button', { name: m.request.send }).click();
  await expect(page.getByText(m.request.replied)).toBeVisible();
  await expect(page.getByRole('list', { name: m.request.conversation }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('list', { name: m.request.conversation })).toContainText(m.request.you);

  await page.getByRole('link', { name: m.request.back }).click();
  await expect(page.getByText(t('requests.count', { total: 1 }), { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: subject })).toBeVisible();
}

for (const locale of ['de', 'ar'] as const) {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`${locale}, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
      test.use({ locale, javaScriptEnabled });
      test('sign in, list, create (after a refused empty one), open and reply', async ({ page, requester }) => {
        test.slow();
        await mainFlow(page, requester, locale);
      });
    });
  }
}

test.describe('choosing the language', () => {
  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false, locale: 'en-US' });
    test('the picker keeps the choice in a cookie and comes back to the same page', async ({ page, context }) => {
      await page.goto('/login?next=%2Frequests%2Fnew');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await page.getByLabel(en.language.label).selectOption({ label: 'العربية' });
      await page.getByRole('button', { name: en.language.submit }).click();
      await expect(page).toHaveURL(/\/login\?next=%2Frequests%2Fnew$/);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.getByRole('heading', { name: ar.login.heading })).toBeVisible();
      const cookie = (await context.cookies()).find((c) => c.name === LOCALE_COOKIE_NAME);
      expect(cookie).toMatchObject({ value: 'ar', httpOnly: true });

      // The choice beats the browser's languages, and can be changed back from Arabic's own words.
      await page.getByLabel(ar.language.label).selectOption({ label: 'English' });
      await page.getByRole('button', { name: ar.language.submit }).click();
      await expect(page.getByRole('heading', { name: en.login.heading })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    });
  });

  // The browser's `locale` option sets Accept-Language itself (and wins over extraHTTPHeaders), so
  // a header with q-values is sent by Playwright's request client; the browser case uses `locale`.
  test('Accept-Language: the most wanted supported language wins by q-value', async ({ request }) => {
    const answer = await request.get('/login', { headers: { 'Accept-Language': 'pt-BR, fr;q=0.5, ja;q=0.9, en;q=0.1' } });
    const html = await answer.text();
    expect(html).toContain('<html lang="ja" dir="ltr"');
    expect(html).toContain(`<h1>${ja.login.heading}</h1>`);
    const german = await (await request.get('/login', { headers: { 'Accept-Language': 'fr;q=0.2, de-AT;q=0.8' } })).text();
    expect(german).toContain(`<h1>${de.login.heading}</h1>`);
  });

  test.describe('by the browser’s language', () => {
    test.use({ locale: 'ja-JP' });
    test('a Japanese browser gets Japanese', async ({ page }) => {
      await page.goto('/login');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      await expect(page.getByRole('heading', { name: ja.login.heading })).toBeVisible();
      await expect(page.getByLabel(ja.login.email)).toBeVisible();
    });
  });

  test.describe('with no language the portal speaks', () => {
    test.use({ locale: 'zh-CN' });
    test('English', async ({ page }) => {
      await page.goto('/login');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { name: en.login.heading })).toBeVisible();
    });
  });

  test('the embed script’s data-locale sets the frame’s language', async ({ page }) => {
    await page.goto(hostUrl({ locale: 'ja' }));
    const frame = portalFrame(page);
    await expect(frame.getByRole('heading', { name: ja.login.heading })).toBeVisible();
    await expect(frame.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(frame.getByRole('button', { name: ja.login.submit })).toBeVisible();
  });

  test('a single sign-on token’s locale claim becomes the customer’s language', async ({ page, context, requester }) => {
    test.slow();
    const jwt = await ssoToken({ email: requester.email, name: requester.name, return_to: '/requests/new', locale: 'es-MX' });
    await page.goto(hostUrl({ jwt }));
    const frame = portalFrame(page);
    await expect(frame.getByRole('heading', { name: es.newRequest.heading })).toBeVisible();
    await expect(frame.locator('html')).toHaveAttribute('lang', 'es');
    const cookie = (await context.cookies(EMBED_PORTAL_URL)).find((c) => c.name === LOCALE_COOKIE_NAME);
    expect(cookie).toMatchObject({ value: 'es', sameSite: 'None', secure: true });
  });
});
