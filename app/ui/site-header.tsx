import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getSession } from '@/lib/session/session';
import { LogOutForm } from './log-out-form';
import styles from './site-header.module.css';

/** Reads only the session cookie: the header never costs a help desk call. */
export async function SiteHeader() {
  const session = await getSession();
  const requester = session.requester;
  const t = await getTranslations('layout');
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href={requester ? '/requests' : '/login'} className={styles.brand}>
          <span aria-hidden="true" className={styles.logo} />
          {t('brand')}
        </Link>
        {requester ? (
          <nav aria-label={t('mainNav')} className={styles.nav}>
            <Link href="/requests">{t('myRequests')}</Link>
            <Link href="/requests/new" className={styles.newRequest}>
              {t('newRequest')}
            </Link>
            <LogOutForm requester={requester} className={styles.logout} whoClassName={styles.who} everywhere />
          </nav>
        ) : null}
      </div>
    </header>
  );
}
