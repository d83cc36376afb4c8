import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, sandbox, test } from './fixtures';
import { files, forSandbox } from './attachment-files';
import { signInQuickly } from './resilience-helpers';
import ar from '../lib/i18n/messages/ar.json';
import de from '../lib/i18n/messages/de.json';
import en from '../lib/i18n/messages/en.json';
import es from '../lib/i18n/messages/es.json';
import fr from '../lib/i18n/messages/fr.json';
import ja from '../lib/i18n/messages/ja.json';
import { LOCALE_COOKIE_NAME } from '../lib/i18n/cookie';
import { LOCALES, textDirection, type Locale } from '../lib/i18n/locales';
import { PORTAL_URL } from './ports';

// The list and a request page in every language and theme, as the pictures the README links to
// (docs/screenshots/<locale>-<page>-<theme>.png). The files are rewritten only with
// UPDATE_SCREENSHOTS=1, so an ordinary run leaves the tree clean; every run checks the language,
// the direction, the localized headings and that nothing overflows sideways, and attaches the
// pictures to the report.

const CATALOGS: Record<Locale, typeof en> = { en, de, fr, es, ja, ar };
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const VIEWPORT = { width: 1024, height: 768 };

test.use({ viewport: VIEWPORT });

/** The page is in `locale`, reads in its direction, and is no wider than the window. */
async function expectLaidOut(page: Page, locale: Locale) {
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.locator('html')).toHaveAttribute('dir', textDirection(locale));
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.scroll, 'no horizontal overflow').toBeLessThanOrEqual(widths.viewport);
}

for (const locale of LOCALES) {
  test(`screenshots in ${locale}`, async ({ page, context, requester }, testInfo) => {
    test.slow();
    const m = CATALOGS[locale];
    await context.addCookies([{ name: LOCALE_COOKIE_NAME, value: locale, url: PORTAL_URL }]);
    const asked = await sandbox.createRequest(requester, 'Printer on the 3rd floor jams', 'It jams on every double-sided print since Monday.');
    await sandbox.agentComment(asked, 'Thanks for the report. A technician will look at it this afternoon; please leave it switched on.', true, [forSandbox(files.text('printer-log.txt', 'Tray 2: paper jam at 09:14\n'))]);
    await sandbox.setDetails(asked, { type: 'incident', priority: 'high' });
    await sandbox.setStatus(asked, 'pending');
    await sandbox.createRequest(requester, 'New laptop for a starter', 'Our new colleague starts on the 1st and needs a laptop.');
    await sandbox.createRequest(requester, 'VPN drops every hour', 'The connection drops after about an hour.');
    await signInQuickly(page.request, requester);

    const folder = path.join(testInfo.config.rootDir, '..', 'docs', 'screenshots');
    if (UPDATE) await mkdir(folder, { recursive: true });
    const shoot = async (name: string, into = folder) => {
      // Times (and "3 minutes ago" with them) and the test customer's name change from run to run:
      // masked, so reruns differ little.
      const image = await page.screenshot({ animations: 'disabled', caret: 'hide', mask: [page.locator('time'), page.getByRole('banner').getByText(/^Customer /)], maskColor: '#888888' });
      await testInfo.attach(name, { body: image, contentType: 'image/png' });
      if (UPDATE) await writeFile(path.join(into, name), image);
    };

    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto('/requests');
      await expect(page.getByRole('heading', { level: 1, name: m.requests.heading })).toBeVisible();
      await expect(page.getByRole('link', { name: /Printer on the 3rd floor jams/ })).toBeVisible();
      await expectLaidOut(page, locale);
      await shoot(`${locale}-list-${theme}.png`);

      await page.goto(`/requests/${asked}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Printer on the 3rd floor jams' })).toBeVisible();
      // Two comments (the agent's carries a file, in a list of its own inside it).
      await expect(page.getByRole('list', { name: m.request.conversation }).locator(':scope > li')).toHaveCount(2);
      await expect(page.getByRole('heading', { name: m.request.replyHeading })).toBeVisible();
      // What the help desk wrote (English here) reads left to right in every page, Arabic too.
      const bodyDirection = await page.getByText('Thanks for the report.').evaluate((element) => getComputedStyle(element).direction);
      expect(bodyDirection).toBe('ltr');
      await expectLaidOut(page, locale);
      await shoot(`${locale}-request-${theme}.png`);
    }

    // The README's first pictures (public/): the English request page on a desktop, and on a phone in the dark theme.
    if (locale === 'en') {
      for (const [name, viewport, theme] of [
        ['screenshot.png', { width: 1280, height: 900 }, 'light'],
        ['screenshot-phone-dark.png', { width: 390, height: 844 }, 'dark'],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`/requests/${asked}`);
        await expect(page.getByRole('link', { name: /printer-log\.txt/ })).toBeVisible();
        await shoot(name, path.join(testInfo.config.rootDir, '..', 'public'));
      }
    }
  });
}
