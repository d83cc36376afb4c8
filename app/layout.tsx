import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { textDirection } from '@/lib/i18n/locales';
import { releaseRenderWhenDone } from '@/lib/platform/render-release';
import { ClientMessages } from './ui/client-messages';
import { EmbedChrome } from './ui/embed/embed-chrome';
import { EmbedTheme } from './ui/embed/embed-theme';
import { embedHtmlAttributes, getEmbedView } from './ui/embed/embed-view';
import embedStyles from './ui/embed/embed.module.css';
import { LanguagePicker } from './ui/language-picker';
import { SiteHeader } from './ui/site-header';
import styles from './layout.module.css';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return {
    title: { default: t('siteTitle'), template: t('titleTemplate', { title: '%s' }) },
    description: t('description'),
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f6f7f9' },
    { media: '(prefers-color-scheme: dark)', color: '#0f1115' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page's render: once it is done, nothing keeps it (lib/platform/render-release.ts).
  releaseRenderWhenDone();
  // Inside a company's frame (README: "Embed the portal"): slim chrome, the host's theme.
  const embed = await getEmbedView();
  const locale = await getLocale();
  const t = await getTranslations('layout');
  return (
    <html lang={locale} dir={textDirection(locale)} {...embedHtmlAttributes(embed)}>
      <body>
        {/* Client components get only the catalog sections they use; pages with forms add their own (lib/i18n/client-messages.ts). */}
        <ClientMessages part="everyPage">
          {embed ? <EmbedTheme view={embed} /> : null}
          <a className={styles.skipLink} href="#main">
            {t('skipLink')}
          </a>
          {embed ? <EmbedChrome view={embed} /> : <SiteHeader />}
          <main id="main" className={embed ? `${styles.main} ${embedStyles.main}` : styles.main} tabIndex={-1}>
            {children}
          </main>
          <LanguagePicker />
        </ClientMessages>
      </body>
    </html>
  );
}
