import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getHelpdesk, type RequestListStatus } from '@/lib/helpdesk';
import { readHelpdesk } from '@/lib/session/read-helpdesk';
import { requireCaller } from '@/lib/session/session';
import { HelpdeskProblem } from '../ui/helpdesk-problem';
import { Pagination } from './pagination';
import { RequestList } from './request-list';
import styles from './requests.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('requests'))('title') };
}

function parsePage(value: string | string[] | undefined): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page >= 1 ? page : 1;
}

export default async function RequestsPage({ searchParams }: PageProps<'/requests'>) {
  const params = await searchParams;
  const t = await getTranslations('requests');
  const status: RequestListStatus = params.status === 'solved' ? 'solved' : 'open';
  const page = parsePage(params.page);
  const href = (s: RequestListStatus, p = 1) => `/requests?${new URLSearchParams({ status: s, ...(p > 1 ? { page: String(p) } : {}) })}`;
  const here = href(status, page);
  const { caller } = await requireCaller(here);
  const result = await readHelpdesk(() => getHelpdesk().listRequests(caller, { status, page }), here);

  return (
    <>
      <div className={styles.heading}>
        <h1>{t('heading')}</h1>
        <Link href="/requests/new" className={styles.newButton}>
          {t('newButton')}
        </Link>
      </div>
      <nav aria-label={t('tabs')} className={styles.tabs}>
        <Link href={href('open')} aria-current={status === 'open' ? 'page' : undefined}>
          {t('open')}
        </Link>
        <Link href={href('solved')} aria-current={status === 'solved' ? 'page' : undefined}>
          {t('solved')}
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
