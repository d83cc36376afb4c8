import { getTranslations } from 'next-intl/server';
import type { RequestStatus } from '@/lib/helpdesk/types';
import styles from './status-badge.module.css';

/**
 * The words a customer sees for each help desk status: the catalog's `status` messages. `filled`
 * makes it stand out (a request awaiting the customer's reply, in the list).
 */
export async function StatusBadge({ status, id, filled = false }: { status: RequestStatus; id?: string; filled?: boolean }) {
  const t = await getTranslations('status');
  return (
    <span id={id} className={`${styles.badge} ${styles[status]}${filled ? ` ${styles.filled}` : ''}`}>
      {t(status)}
    </span>
  );
}
