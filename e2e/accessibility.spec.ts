import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';
import { expectFrameFitsContent, portalFrame, portalFrameHandle, hostUrl } from './embed-host';
import { expect, sandbox, test } from './fixtures';
import { files } from './attachment-files';
import { PORTAL_URL } from './ports';
import { signInQuickly } from './resilience-helpers';
import ar from '../lib/i18n/messages/ar.json';
import de from '../lib/i18n/messages/de.json';
import en from '../lib/i18n/messages/en.json';
import es from '../lib/i18n/messages/es.json';
import fr from '../lib/i18n/messages/fr.json';
import ja from '../lib/i18n/messages/ja.json';
import { LOCALES, textDirection, type Locale } from '../lib/i18n/locales';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

function describeViolations(results: Awaited<ReturnType<AxeBuilder['analyze']>>) {
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Zero axe violations, of any impact, on the page once it has settled. After a server action (e.g.
 * "Mark as solved") Next applies the new page before its streamed metadata, so for a moment the
 * document has no <title>; axe ran in that moment once in CI. A person (and a screen reader) gets
 * the title a moment later, so the check waits for it, then judges the page as it is.
 */
async function expectNoViolations(page: Page, label: string) {
  await expect(page, `${label}: the page has its title`).toHaveTitle(/\S/);
  expect(describeViolations(await new AxeBuilder({ page }).withTags(TAGS).analyze()), label).toEqual([]);
  await expectTouchTargets(page, label);
}

/**
 * WCAG 2.5.8: every link and button is at least 24 × 24 px, except a link inside a sentence (the
 * "inline" exception), which is as tall as its line.
 */
async function expectTouchTargets(page: Page | Frame, label: string) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input[type="submit"]')].flatMap((element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return []; // not shown
      const inSentence =
        getComputedStyle(element).display === 'inline' &&
        [...(element.parentElement?.childNodes ?? [])].some((node) => node !== element && node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (inSentence) return [];
      return box.width < 24 || box.height < 24 ? [`${element.textContent?.trim()} ${Math.round(box.width)}×${Math.round(box.height)}`] : [];
    }),
  );
  expect(small, `${label}: touch targets under 24 px`).toEqual([]);
}

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;

const CATALOGS: Record<Locale, typeof en> = { en, de, fr, es, ja, ar };

/**
 * Every page in every language at desktop width, where the words are longest (German) or read
 * right to left (Arabic); the phone width, where text wraps, in English and Arabic. The language
 * comes from the browser's Accept-Language (Playwright's `locale`), as for a first-time visitor.
 */
const RUNS = LOCALES.flatMap((locale) => [
  { locale, width: 'desktop' as const },
  ...(locale === 'en' || locale === 'ar' ? [{ locale, width: 'phone' as const }] : []),
]);

for (const colorScheme of ['light', 'dark'] as const) {
  for (const { locale, width } of RUNS) {
    test.describe(`accessibility, ${locale}, ${colorScheme} theme, ${width}`, () => {
      test.use({ colorScheme, viewport: VIEWPORTS[width], locale });
      const m = CATALOGS[locale];

      test('signed-out pages', async ({ page }) => {
        await page.goto('/login');
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await expect(page.locator('html')).toHaveAttribute('dir', textDirection(locale));
        await expectNoViolations(page, 'login');
        await page.getByRole('button', { name: m.login.submit }).click();
        await expect(page.locator('#email-errors')).not.toBeEmpty();
        await expectNoViolations(page, 'login with errors');
        await page.goto('/no-such-page');
        await expectNoViolations(page, 'not found');
      });

      test('signed-in pages', async ({ page, requester }) => {
        // Eleven full axe scans on a 2-core machine beside the other workers.
        test.slow();
        await signInQuickly(page.request, requester);
        await page.goto('/requests');
        await expect(page.getByRole('heading', { level: 1, name: m.requests.heading })).toBeVisible();
        await expectNoViolations(page, 'empty list');
        const open = await sandbox.createRequest(requester, 'Accessible request', 'Body');
        await sandbox.agentComment(open, 'Support reply, see https://kb.example.org/printers for more', true);
        // Assigned, so the customer may mark it solved: the reply area has both buttons, and the
        // agent's comment its avatar and badge; its type and priority fill the details panel.
        const agent = await sandbox.createAgent('Ann Agent');
        await sandbox.setAssignee(open, agent.id);
        await sandbox.agentReply(agent, open, 'Could you try again now?');
        await sandbox.setDetails(open, { type: 'incident', priority: 'high' });
        const closed = await sandbox.createRequest(requester, 'Closed request', 'Body');
        await sandbox.setStatus(closed, 'closed');
        const pending = await sandbox.createRequest(requester, 'Pending request', 'Body');
        await sandbox.setStatus(pending, 'pending');
        for (let i = 0; i < 15; i++) await sandbox.createRequest(requester, `Filler ${i}`, 'Body');
        await page.goto('/requests');
        await expectNoViolations(page, 'list with pages');
        await page.goto('/requests?status=solved');
        await expectNoViolations(page, 'solved list');
        // A search with the matched words marked (in the title, and in the reply quoted under it),
        // then one that finds nothing.
        await page.goto('/requests?q=accessible%20reply&status=all&sort=created-asc');
        await expect(page.getByRole('list', { name: m.requests.heading }).locator('mark').first()).toBeVisible();
        await expectNoViolations(page, 'search results');
        await page.goto('/requests?q=nothing-matches-this&status=pending');
        await expectNoViolations(page, 'search without results');
        await page.goto(`/requests/${open}`);
        await expect(page.getByRole('button', { name: m.request.solve })).toBeVisible();
        await expectNoViolations(page, 'request');
        await page.getByRole('button', { name: m.request.send }).click();
        await expect(page.locator('#body-errors')).not.toBeEmpty();
        await expectNoViolations(page, 'request with reply error');
        await page.goto(`/requests/${closed}`);
        await expectNoViolations(page, 'closed request');
        await page.goto(`/requests/new?followUp=${closed}`);
        await expect(page.getByRole('link', { name: new RegExp(`${closed}`) }).first()).toBeVisible();
        await expectNoViolations(page, 'follow-up form');
        await page.goto(`/requests/new?followUp=${open}`);
        await expectNoViolations(page, 'follow-up of a request that still takes replies');
        await page.goto(`/requests/${open}`);
        await page.getByRole('button', { name: m.request.solve }).click();
        await expect(page.getByRole('status').filter({ hasText: m.request.solvedNotice })).toBeVisible();
        await expectNoViolations(page, 'request just marked solved');
        await page.goto('/requests/new');
        await expectNoViolations(page, 'new request');
        await page.getByRole('button', { name: m.newRequest.submit }).click();
        await expect(page.getByRole('region', { name: m.forms.errorSummaryTitle })).toBeFocused();
        await expectNoViolations(page, 'new request with errors');
        await page.goto('/requests/999999');
        await expectNoViolations(page, 'request not found');
      });
    });
  }
}

test.describe('in the embed, with the host’s brand colour', () => {
  // Light and dark brands, each in both themes: yellow needs dark text on its buttons and a
  // darker shade as link text; green reads on white but needs a lighter shade on the dark theme.
  // In English and in Arabic (the host's data-locale), where the frame's chrome mirrors.
  for (const locale of ['en', 'ar'] as const) {
    const m = CATALOGS[locale];
    for (const brand of ['#f5c542', '#0a7c53', '#3451b2']) {
      for (const theme of ['light', 'dark'] as const) {
        test(`${brand}, ${theme} theme, ${locale}`, async ({ page, requester }) => {
          test.slow();
          const id = await sandbox.createRequest(requester, 'Branded request', 'Body');
          await sandbox.agentComment(id, 'See https://kb.example.org/printers', true);
          await page.goto(hostUrl({ brand, theme, locale }));
          const frame = portalFrame(page);
          const scan = async (label: string) => {
            const results = await new AxeBuilder({ page }).include('iframe[title="Support requests"]').withTags(TAGS).analyze();
            expect(describeViolations(results), label).toEqual([]);
            await expectTouchTargets(await portalFrameHandle(page), label);
          };
          await expect(frame.getByRole('heading', { name: m.login.heading })).toBeVisible();
          await expect(frame.locator('html')).toHaveAttribute('dir', textDirection(locale));
          await frame.getByRole('button', { name: m.login.submit }).click();
          await expect(frame.getByRole('region', { name: m.forms.errorSummaryTitle })).toBeFocused();
          await scan('login with errors');
          // The error summary made the page taller: the host page resizes the frame (embed.js) a
          // moment later. A click while the frame still moves in the host page can land beside the
          // button (Playwright finds the button still inside the frame), so wait for the fit.
          await expectFrameFitsContent(page);
          await frame.getByLabel(m.login.email).fill(requester.email);
          await frame.getByLabel(m.login.password).fill(requester.password);
          await frame.getByRole('button', { name: m.login.submit }).click();
          await expect(frame.getByRole('heading', { name: m.requests.heading })).toBeVisible();
          await scan('list');
          await frame.getByRole('link', { name: 'Branded request' }).click();
          await expect(frame.getByRole('heading', { name: 'Branded request' })).toBeVisible();
          await scan('request');
        });
      }
    }
  }
});

test.describe('the phone header (360 px)', () => {
  test.use({ viewport: VIEWPORTS.phone });

  test('fits on its rows without wrapping a link, and "New request" appears once', async ({ page, requester }) => {
    await signInQuickly(page.request, requester);
    await page.goto('/requests');
    await expect(page.getByRole('link', { name: 'New request', exact: true })).toHaveCount(1);
    const header = page.getByRole('banner');
    const wrapped = await header.evaluate((element) =>
      [...element.querySelectorAll<HTMLElement>('a, button')].flatMap((control) => {
        const lineHeight = parseFloat(getComputedStyle(control).lineHeight) || 24;
        const lines = [...control.getClientRects()].length;
        // One box, no taller than its padding and one line: the words did not break.
        return lines > 1 || control.scrollWidth > control.clientWidth + 1 || control.getBoundingClientRect().height > lineHeight * 2 + 4 ? [control.textContent] : [];
      }),
    );
    expect(wrapped).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // The brand and the main links share the first row.
    const brand = await header.getByRole('link', { name: 'Support' }).boundingBox();
    const mine = await header.getByRole('link', { name: 'My requests' }).boundingBox();
    expect(Math.abs(brand!.y + brand!.height / 2 - (mine!.y + mine!.height / 2))).toBeLessThan(8);
  });
});

test('with dir="rtl" the layout mirrors: the logo at the inline start, your messages marked on the right', async ({ page, requester }) => {
  await signInQuickly(page.request, requester);
  const id = await sandbox.createRequest(requester, 'Mirrored request', 'Body');
  await page.goto(`/requests/${id}`);
  const brand = page.getByRole('banner').getByRole('link', { name: 'Support' });
  const ltr = (await brand.boundingBox())!;
  const yours = page.getByRole('list', { name: 'Conversation' }).getByRole('listitem').first();
  const borders = () => yours.evaluate((element) => [getComputedStyle(element).borderLeftWidth, getComputedStyle(element).borderRightWidth]);
  expect(await borders()).toEqual(['4px', '1px']);

  await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
  const rtl = (await brand.boundingBox())!;
  const width = page.viewportSize()!.width;
  // The logo moves from the left edge to the right edge, the same distance in.
  expect(ltr.x).toBeLessThan(width / 2);
  expect(rtl.x).toBeGreaterThan(width / 2);
  expect(Math.abs(ltr.x - (width - rtl.x - rtl.width))).toBeLessThan(2);
  // The coloured bar that marks your own message moves to the inline start, now on the right.
  expect(await borders()).toEqual(['1px', '4px']);
  // The log-out buttons go to the inline end, now the left.
  const logOut = (await page.getByRole('button', { name: 'Log out', exact: true }).boundingBox())!;
  expect(logOut.x).toBeLessThan(rtl.x);
});

test('links that open a new tab say so, exact times are shown, and the site has an icon', async ({ page, requester }) => {
  await signInQuickly(page.request, requester);
  const id = await sandbox.createRequest(requester, 'Details request', 'Body');
  await sandbox.agentComment(id, 'Read https://kb.example.org/printers first', true);
  await page.goto(`/requests/${id}`);
  const link = page.getByRole('list', { name: 'Conversation' }).getByRole('link');
  await expect(link).toHaveAccessibleName('https://kb.example.org/printers (opens in a new tab)');
  await expect(link).toHaveAttribute('target', '_blank');
  // The exact moment is on the page, not only in a hover title.
  const time = page.getByRole('list', { name: 'Conversation' }).locator('time').first();
  await expect(time).toBeVisible();
  await expect(time).toContainText(/\(\w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d\s?[AP]M UTC\)/);
  const icon = page.locator('link[rel="icon"][type="image/svg+xml"]');
  const href = await icon.getAttribute('href');
  const answer = await page.request.get(href!);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain('image/svg+xml');
});

for (const { locale, colorScheme } of [
  { locale: 'en', colorScheme: 'light' },
  { locale: 'en', colorScheme: 'dark' },
  { locale: 'ar', colorScheme: 'light' },
] as const) {
  test.describe(`files, ${locale}, ${colorScheme} theme`, () => {
    test.use({ locale, colorScheme });
    const m = CATALOGS[locale];

    test('the picker with files ready and one refused, a request’s files with a thumbnail, and the form without JavaScript', async ({ page, browser, requester }) => {
      test.slow();
      await signInQuickly(page.request, requester);
      await page.goto('/requests/new');
      const picker = page.getByLabel(m.attachments.label);
      await picker.setInputFiles([files.image(), files.text()]);
      await expect(page.getByRole('list', { name: m.attachments.listLabel }).getByRole('listitem').filter({ hasText: m.attachments.uploaded })).toHaveCount(2);
      await picker.setInputFiles([files.program()]);
      await expect(page.locator('#files-errors')).not.toBeEmpty();
      await expectNoViolations(page, 'picker with files and a refusal');
      await page.getByLabel(m.newRequest.subject).fill('Files, accessibly');
      await page.getByLabel(m.newRequest.description).fill('A picture and a log');
      await page.getByRole('button', { name: m.newRequest.submit }).click();
      await expect(page.getByRole('list', { name: m.attachments.commentFiles })).toBeVisible();
      await expectNoViolations(page, 'request with files and a thumbnail');

      const plain = await browser.newContext({ baseURL: PORTAL_URL, javaScriptEnabled: false, locale, colorScheme, storageState: await page.context().storageState() });
      const noScript = await plain.newPage();
      await noScript.goto('/requests/new');
      await noScript.getByLabel(m.newRequest.subject).fill('Kept files');
      await noScript.getByLabel(m.attachments.label).setInputFiles([files.text(), files.program()]);
      await noScript.getByRole('button', { name: m.newRequest.submit }).click();
      await expect(noScript.locator('#files-errors')).not.toBeEmpty();
      // The kept file's checkbox (the demo's own fields have a checkbox of their own: field_…).
      await expect(noScript.locator('input[type="checkbox"]:not([name^="field_"])')).toHaveCount(1);
      // axe runs as a script, which that page cannot: it scans the same markup, scripts left out, with the page's styles.
      const markup = (await noScript.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
      await plain.close();
      const copy = `${PORTAL_URL}/requests/new?as-rendered-without-javascript`;
      await page.route(copy, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: markup }));
      await page.goto(copy);
      await expect(page.locator('input[type="checkbox"]:not([name^="field_"])')).toHaveCount(1);
      await expectNoViolations(page, 'form without JavaScript, a file kept and one refused');
    });
  });
}
