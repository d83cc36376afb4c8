'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { withoutEmbedParams } from '@/lib/embed/settings';
import { EMBEDDED_PROBE_COOKIE } from '@/lib/session/cookie';
import buttons from '../buttons.module.css';
import styles from './embed.module.css';

type Access = 'unknown' | 'works' | 'blocked' | 'asking' | 'denied';

/**
 * Signing in inside a company's frame needs the browser to keep the portal's (partitioned)
 * cookie there. Most do; some (e.g. Safari with some privacy settings) refuse. Rather than let
 * the customer sign in and land on the sign-in page again, this checks first: if a test cookie
 * does not stick, it offers the Storage Access API from a click and, failing that, the portal in
 * a new tab. The new-tab link is always there (also without JavaScript), in small print.
 */
export function StorageAccess() {
  const t = useTranslations('embed');
  const [access, setAccess] = useState<Access>('unknown');
  const [newTabHref, setNewTabHref] = useState('/requests');

  useEffect(() => {
    // Decided once, after hydration: the server cannot know what this browser keeps.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setAccess(cookiesStick() ? 'works' : 'blocked');
    setNewTabHref(topLevelHref(window.location.href));
  }, []);

  const ask = async () => {
    setAccess('asking');
    try {
      await document.requestStorageAccess();
      // The next request carries the cookies the browser now allows: start over with them.
      window.location.reload();
    } catch {
      setAccess('denied');
    }
  };

  const link = (chunks: ReactNode) => (
    <a href={newTabHref} target="_blank" rel="noopener">
      {chunks}
    </a>
  );

  if (access === 'blocked' || access === 'asking' || access === 'denied') {
    const canAsk = typeof document.requestStorageAccess === 'function' && access !== 'denied';
    return (
      <div className={`${styles.access} ${styles.blocked}`} role="status">
        <p>
          <strong>{t('blocked')}</strong>
        </p>
        {canAsk ? (
          <p>
            <button type="button" className={buttons.secondary} onClick={ask} disabled={access === 'asking'}>
              {t('allow')}
            </button>
          </p>
        ) : null}
        {access === 'denied' ? <p>{t('denied')}</p> : null}
        <p>{canAsk ? t.rich('orNewTab', { link }) : t.rich('pleaseNewTab', { link })}</p>
      </div>
    );
  }
  return <p className={styles.access}>{t.rich('trouble', { link })}</p>;
}

/** Whether a cookie like the session's survives in this frame: written and read back, then removed. */
function cookiesStick(): boolean {
  const { name, attributes } = EMBEDDED_PROBE_COOKIE;
  const probe = `${name}=${Math.random().toString(36).slice(2)}`;
  try {
    document.cookie = `${probe}; ${attributes}; Max-Age=60`;
    const stuck = document.cookie.split('; ').includes(probe);
    document.cookie = `${name}=; ${attributes}; Max-Age=0`;
    return stuck;
  } catch {
    return false;
  }
}

/** The same page as a normal, top-level visit. */
function topLevelHref(href: string): string {
  const url = withoutEmbedParams(new URL(href));
  return url.pathname + url.search;
}
