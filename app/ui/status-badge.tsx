import type { RequestStatus } from '@/lib/helpdesk/types';
import styles from './status-badge.module.css';

/** The words a customer sees for each help desk status. */
export const STATUS_LABELS: Record<RequestStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Awaiting your reply',
  solved: 'Solved',
  closed: 'Closed',
  unknown: 'Status unknown',
};

export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span className={`${styles.badge} ${styles[status]}`}>{STATUS_LABELS[status]}</span>;
}
