import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getSession } from '@/lib/session/session';
import { LogOutForm } from '../log-out-form';
import { EmbedFrame } from './embed-frame';
import type { EmbedView } from './embed-view';
import { StorageAccess } from './storage-access';
import styles from './embed.module.css';

/**
 * The portal's own header, shrunk for a company's page: the company's site already has a header,
 * so only a way back to the list and a compact sign-out remain. Signed out, it offers a way out
 * of the frame for browsers that refuse to keep the sign-in there.
 */
export async function EmbedChrome({ view }: { view: EmbedView }) {
  const session = await getSession();
  const requester = session.requester;
  const t = await getTranslations('layout');
  return (
    <>
      <EmbedFrame allowedOrigins={view.allowedOrigins} hostSetting={view.settings.host ?? null} />
      {requester ? (
        <nav aria-label={t('mainNav')} className={styles.bar}>
          <Link href="/requests">{t('myRequests')}</Link>
          <LogOutForm requester={requester} className={styles.signOut} whoClassName={styles.who} />
        </nav>
      ) : (
        // A landmark, as everything on the page is (axe's "region"): a side note to the sign-in form.
        <aside>
          <StorageAccess />
        </aside>
      )}
    </>
  );
}
