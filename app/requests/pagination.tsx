import type { ReactNode } from 'react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PageInfo } from '@/lib/helpdesk';
import styles from './requests.module.css';

/** Page numbers to show: the first, the last, and two either side of the current one. */
export function pageWindow(page: number, pageCount: number): (number | 'gap')[] {
  const pages: (number | 'gap')[] = [];
  for (let p = 1; p <= pageCount; p++) {
    if (p === 1 || p === pageCount || Math.abs(p - page) <= 2) pages.push(p);
    else if (pages.at(-1) !== 'gap') pages.push('gap');
  }
  return pages;
}

/**
 * Links to other pages of a list. With a page count, numbered links as well as Previous and Next;
 * when the help desk gives no count, Previous and Next as far as it says there are more.
 */
export async function Pagination({ page: info, hrefFor }: { page: PageInfo; hrefFor: (page: number) => string }) {
  const t = await getTranslations('pagination');
  const hidden = (chunks: ReactNode) => <span className="visually-hidden">{chunks}</span>;
  const page = info.number;
  const pageCount = info.pageCount ?? (info.hasNext ? page + 1 : page);
  const numbered = info.pageCount !== null;
  if (pageCount <= 1 && !info.hasPrevious) return null;
  return (
    <nav aria-label={t('label')} className={styles.pagination}>
      <ul>
        {page > 1 ? (
          <li>
            <Link href={hrefFor(page - 1)} rel="prev">
              {t.rich('previous', { hidden })}
            </Link>
          </li>
        ) : null}
        {(numbered ? pageWindow(page, pageCount) : []).map((p, index) =>
          p === 'gap' ? (
            <li key={`gap-${index}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              <Link href={hrefFor(p)} aria-current={p === page ? 'page' : undefined} aria-label={t('page', { page: p })}>
                {p}
              </Link>
            </li>
          ),
        )}
        {page < pageCount || info.hasNext ? (
          <li>
            <Link href={hrefFor(page + 1)} rel="next">
              {t.rich('next', { hidden })}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
