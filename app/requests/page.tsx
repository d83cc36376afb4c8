import type { Metadata } from 'next';
import Link from 'next/link';
import { getHelpdesk, type RequestListStatus } from '@/lib/helpdesk';
import { readHelpdesk } from '@/lib/session/read-helpdesk';
import { requireCaller } from '@/lib/session/session';
import { HelpdeskProblem } from '../ui/helpdesk-problem';
import { Pagination } from './pagination';
import { RequestList } from './request-list';
import styles from './requests.module.css';

export const metadata: Metadata = { title: 'My requests' };

function parsePage(value: string | string[] | undefined): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page >= 1 ? page : 1;
}

export default async function RequestsPage({ searchParams }: PageProps<'/requests'>) {
  const params = await searchParams;
  const status: RequestListStatus = params.status === 'solved' ? 'solved' : 'open';
  const page = parsePage(params.page);
  const href = (s: RequestListStatus, p = 1) => `/requests?${new URLSearchParams({ status: s, ...(p > 1 ? { page: String(p) } : {}) })}`;
  const here = href(status, page);
  const { caller } = await requireCaller(here);
  const result = await readHelpdesk(() => getHelpdesk().listRequests(caller, { status, page }), here);

  return (
    <>
      <div className={styles.heading}>
        <h1>My requests</h1>
        <Link href="/requests/new" className={styles.newButton}>
          New request
        </Link>
      </div>
      <nav aria-label="Request status" className={styles.tabs}>
        <Link href={href('open')} aria-current={status === 'open' ? 'page' : undefined}>
          Open
        </Link>
        <Link href={href('solved')} aria-current={status === 'solved' ? 'page' : undefined}>
          Solved
        </Link>
      </nav>
      {result.ok ? (
        <>
          <RequestList page={result.value} status={status} firstPageHref={href(status)} />
          <Pagination page={result.value.page} hrefFor={(p) => href(status, p)} />
        </>
      ) : (
        <HelpdeskProblem error={result.error} retryHref={here} />
      )}
    </>
  );
}
