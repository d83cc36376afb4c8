import { getTranslations } from 'next-intl/server';
import type { RequestStatus } from '@/lib/helpdesk/types';
import styles from './status-badge.module.css';

/** The words a customer sees for each help desk status: the catalog's `status` messages. */
export async function StatusBadge({ status }: { status: RequestStatus }) {
  const t = await getTranslations('status');
  return <span className={`${styles.badge} ${styles[status]}`}>{t(status)}</span>;
}
