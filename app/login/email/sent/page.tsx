import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getConfig } from '@/lib/platform/config';
import { safeNextPath } from '@/lib/session/safe-next-path';
import { Notice } from '../../../ui/notice';
import styles from '../../login.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('emailLink'))('sentTitle') };
}

/** The one answer to every request for a link: it never says whether the email has an account. */
export default async function EmailLinkSentPage({ searchParams }: PageProps<'/login/email/sent'>) {
  const params = await searchParams;
  const { emailLink } = getConfig();
  if (!emailLink) notFound();
  const t = await getTranslations('emailLink');
  const next = safeNextPath(typeof params.next === 'string' ? params.next : undefined);
  return (
    <div className={styles.wrap}>
      <h1>{t('sentHeading')}</h1>
      <Notice tone="success">
        <p>{t('sentBody', { minutes: Math.max(1, Math.round(emailLink.ttlSeconds / 60)) })}</p>
      </Notice>
      <p className={styles.lead}>{t('sentSpam')}</p>
      <p>
        <Link href={`/login/email?${new URLSearchParams({ next })}`}>{t('askAgain')}</Link>
      </p>
    </div>
  );
}
