import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeNextPath } from '@/lib/session/safe-next-path';
import { getCaller } from '@/lib/session/session';
import { Notice } from '../ui/notice';
import { LoginForm } from './login-form';
import styles from './login.module.css';

export const metadata: Metadata = { title: 'Log in' };

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === 'string' ? params.next : undefined);
  // After `expired` the old session is still there but no longer accepted: show the form.
  if (!params.expired && (await getCaller())) redirect(next);
  // Where a failed sign-in without JavaScript comes back to: this page, with what it depends on.
  const here = `/login?${new URLSearchParams({ next, ...(params.expired ? { expired: '1' } : {}) })}`;

  return (
    <div className={styles.wrap}>
      <h1>Log in</h1>
      <p className={styles.lead}>Sign in with the email and password of your support account to see and update your requests.</p>
      {params.signedOut ? <Notice tone="success">{params.signedOut === 'all' ? 'You have logged out on all devices.' : 'You have logged out.'}</Notice> : null}
      {params.expired ? <Notice tone="info">Your session has ended. Please log in again.</Notice> : null}
      <LoginForm next={next} permalink={here} />
    </div>
  );
}
