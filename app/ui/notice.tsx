import type { ReactNode } from 'react';
import styles from './notice.module.css';

type Tone = 'error' | 'success' | 'info';

/** A message about the whole page or form. Errors interrupt (role=alert); the rest wait their turn. */
export function Notice({ tone, title, children }: { tone: Tone; title?: string; children?: ReactNode }) {
  return (
    <div className={`${styles.notice} ${styles[tone]}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className={styles.title}>{title}</p> : null}
      {children}
    </div>
  );
}
