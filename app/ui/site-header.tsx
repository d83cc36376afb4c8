import Link from 'next/link';
import { getSession } from '@/lib/session/session';
import { LogOutForm } from './log-out-form';
import styles from './site-header.module.css';

/** Reads only the session cookie: the header never costs a help desk call. */
export async function SiteHeader() {
  const session = await getSession();
  const requester = session.requester;
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href={requester ? '/requests' : '/login'} className={styles.brand}>
          <span aria-hidden="true" className={styles.logo} />
          Support
        </Link>
        {requester ? (
          <nav aria-label="Main" className={styles.nav}>
            <Link href="/requests">My requests</Link>
            <Link href="/requests/new" className={styles.newRequest}>
              New request
            </Link>
            <LogOutForm requester={requester} className={styles.logout} whoClassName={styles.who} everywhere />
          </nav>
        ) : null}
      </div>
    </header>
  );
}
