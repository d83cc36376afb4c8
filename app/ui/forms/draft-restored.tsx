'use client';

import styles from './forms.module.css';

/** Tells the user their unsent text is back, and lets them throw it away. */
export function DraftRestored({ restoredAt, onDiscard }: { restoredAt: number | null; onDiscard: () => void }) {
  if (restoredAt === null) return null;
  const when = new Date(restoredAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div role="status" className={styles.draftNote}>
      <p>
        We kept your unsent text from {when} in this browser, and it’s back in the form below.{' '}
        <button type="button" className={styles.linkButton} onClick={onDiscard}>
          Discard draft
        </button>
      </p>
    </div>
  );
}
