import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import styles from './ui/message-page.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notFound'))('title') };
}

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className={styles.page}>
      <h1>{t('heading')}</h1>
      <p>{t('body')}</p>
      <p>
        <Link href="/requests">{t('goToRequests')}</Link>
      </p>
    </div>
  );
}
