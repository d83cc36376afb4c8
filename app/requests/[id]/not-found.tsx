import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import styles from '../../ui/message-page.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('requestNotFound'))('title') };
}

/** The same page for a request that doesn't exist and one that belongs to someone else. */
export default async function RequestNotFound() {
  const t = await getTranslations('requestNotFound');
  return (
    <div className={styles.page}>
      <h1>{t('heading')}</h1>
      <p>{t('body')}</p>
      <p>
        {t.rich('links', {
          all: (chunks) => <Link href="/requests">{chunks}</Link>,
          new: (chunks) => <Link href="/requests/new">{chunks}</Link>,
        })}
      </p>
    </div>
  );
}
