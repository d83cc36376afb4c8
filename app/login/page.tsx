import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getConfig } from '@/lib/platform/config';
import { safeNextPath } from '@/lib/session/safe-next-path';
import { getCaller } from '@/lib/session/session';
import { Notice } from '../ui/notice';
import { EmailLinkForm } from './email/email-link-form';
import { LoginForm } from './login-form';
import styles from './login.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('login'))('title') };
}

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const params = await searchParams;
  const t = await getTranslations('login');
  const next = safeNextPath(typeof params.next === 'string' ? params.next : undefined);
  // After `expired` the old session is still there but no longer accepted: show the form.
  if (!params.expired && (await getCaller())) redirect(next);
  // Where a failed sign-in without JavaScript comes back to: this page, with what it depends on.
  const here = `/login?${new URLSearchParams({ next, ...(params.expired ? { expired: '1' } : {}) })}`;
  // The ways in SIGN_IN_METHODS offers (README: "Sign-in methods"); never a page without one.
  const { signInMethods, emailLink, passwordResetUrl } = getConfig();
  const password = signInMethods.includes('password');
  const emailLinkHref = emailLink ? `/login/email?${new URLSearchParams({ next })}` : null;
  const forgotHref = passwordResetUrl ?? emailLinkHref;

  return (
    <div className={styles.wrap}>
      <h1>{t('heading')}</h1>
      <p className={styles.lead}>{password ? t('lead') : emailLink ? t('leadEmailLink') : t('leadSso')}</p>
      {params.signedOut ? <Notice tone="success">{params.signedOut === 'all' ? t('signedOutEverywhere') : t('signedOut')}</Notice> : null}
      {params.expired ? <Notice tone="info">{t('expired')}</Notice> : null}
      {password ? <LoginForm next={next} permalink={here} emailLinkHref={emailLinkHref} /> : emailLink ? <EmailLinkForm next={next} permalink={here} /> : null}
      {password && forgotHref ? (
        <p>
          <a href={forgotHref}>{t('forgotPassword')}</a>
        </p>
      ) : null}
      {password && emailLinkHref ? (
        <p>
          <Link href={emailLinkHref}>{t('useEmailLink')}</Link>
        </p>
      ) : null}
    </div>
  );
}
