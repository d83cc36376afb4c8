'use client';

import { useFormatter, useTranslations } from 'next-intl';
import styles from './forms.module.css';

/** Tells the user their unsent text is back, and lets them throw it away. */
export function DraftRestored({ restoredAt, onDiscard }: { restoredAt: number | null; onDiscard: () => void }) {
  const t = useTranslations('forms');
  const format = useFormatter();
  if (restoredAt === null) return null;
  // The browser's own time zone: this runs only in the browser, after the draft is read back.
  const when = format.dateTime(new Date(restoredAt), { dateStyle: 'medium', timeStyle: 'short', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  return (
    <div role="status" className={styles.draftNote}>
      <p>
        {t('draftRestored', { when })}{' '}
        <button type="button" className={styles.linkButton} onClick={onDiscard}>
          {t('discardDraft')}
        </button>
      </p>
    </div>
  );
}
