import type { RequestStatus } from '@/lib/helpdesk/types';
import styles from './status-badge.module.css';

/**
 * A request's status as a badge; `label` is the words a customer sees for it (the catalog's
 * `status` messages, translated by the caller: a list renders its rows without awaiting anything,
 * see app/ui/relative-time.tsx). `filled` makes it stand out (a request awaiting the customer's
 * reply, in the list).
 */
export function StatusBadge({ status, label, id, filled = false }: { status: RequestStatus; label: string; id?: string; filled?: boolean }) {
  return (
    <span id={id} className={`${styles.badge} ${styles[status]}${filled ? ` ${styles.filled}` : ''}`}>
      {label}
    </span>
  );
}
