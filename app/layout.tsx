import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { EmbedChrome } from './ui/embed/embed-chrome';
import { EmbedTheme } from './ui/embed/embed-theme';
import { embedHtmlAttributes, getEmbedView } from './ui/embed/embed-view';
import embedStyles from './ui/embed/embed.module.css';
import { SiteHeader } from './ui/site-header';
import styles from './layout.module.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Support requests', template: '%s · Support' },
  description: 'See and update your support requests.',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f6f7f9' },
    { media: '(prefers-color-scheme: dark)', color: '#0f1115' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Inside a company's frame (README: "Embed the portal"): slim chrome, the host's theme.
  const embed = await getEmbedView();
  return (
    <html lang="en" {...embedHtmlAttributes(embed)}>
      <body>
        {embed ? <EmbedTheme view={embed} /> : null}
        <a className={styles.skipLink} href="#main">
          Skip to content
        </a>
        {embed ? <EmbedChrome view={embed} /> : <SiteHeader />}
        <main id="main" className={embed ? `${styles.main} ${embedStyles.main}` : styles.main} tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
