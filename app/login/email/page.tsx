import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getConfig } from '@/lib/platform/config';
import { safeNextPath, signInHref } from '@/lib/session/safe-next-path';
import { getCaller } from '@/lib/session/session';
import styles from '../login.module.css';
import { EmailLinkForm } from './email-link-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('emailLink'))('title') };
}

/** "Email me a sign-in link", on a page of its own next to the password form (README: "Sign-in methods"). */
export default async function EmailLinkPage({ searchParams }: PageProps<'/login/email'>) {
  const params = await searchParams;
  const config = getConfig();
  if (!config.emailLink) notFound();
  const t = await getTranslations('emailLink');
  const next = safeNextPath(typeof params.next === 'string' ? params.next : undefined);
  if (await getCaller()) redirect(next);
  const here = `/login/email?${new URLSearchParams({ next })}`;
  return (
    <div className={styles.wrap}>
      <h1>{t('heading')}</h1>
      <p className={styles.lead}>{t('lead')}</p>
      <EmailLinkForm next={next} permalink={here} />
      {config.signInMethods.includes('password') ? (
        <p>
          <Link href={signInHref(next)}>{t('usePassword')}</Link>
        </p>
      ) : null}
    </div>
  );
}
