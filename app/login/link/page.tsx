import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getConfig } from '@/lib/platform/config';
import { lookUpLink } from '@/lib/session/email-link';
import { safeNextPath } from '@/lib/session/safe-next-path';
import type { LinkProblem } from '@/lib/session/email-link-token';
import buttons from '../../ui/buttons.module.css';
import { Notice } from '../../ui/notice';
import styles from '../login.module.css';
import { useSignInLink } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('emailLink'))('confirmTitle') };
}

const PROBLEMS: readonly LinkProblem[] = ['invalid', 'expired', 'used'];

/**
 * Where the mailed link goes. Opening it spends nothing: mail scanners fetch links to look for
 * malware, and would otherwise use the link up before the customer does. The button is a plain
 * form post (no JavaScript needed) that signs in (./actions.ts).
 */
export default async function SignInLinkPage({ searchParams }: PageProps<'/login/link'>) {
  const params = await searchParams;
  if (!getConfig().emailLink) notFound();
  const t = await getTranslations('emailLink');
  const shown = typeof params.problem === 'string' ? PROBLEMS.find((p) => p === params.problem) : undefined;
  const found = shown ? ({ ok: false, problem: shown, next: typeof params.next === 'string' ? params.next : undefined } as const) : await lookUpLink(params.token);
  if (!found.ok) {
    const again = `/login/email?${new URLSearchParams({ next: safeNextPath(found.next) })}`;
    return (
      <div className={styles.wrap}>
        <h1>{t('problemHeading')}</h1>
        <Notice tone="error">
          <p>{t(`problem.${found.problem}`)}</p>
        </Notice>
        <p>
          <Link href={again}>{t('newLink')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className={styles.wrap}>
      <h1>{t('confirmHeading')}</h1>
      <p className={styles.lead}>{t('confirmBody', { email: found.record.requester.email })}</p>
      <form action={useSignInLink}>
        <input type="hidden" name="token" value={String(params.token)} />
        <button type="submit" className={buttons.primary}>
          {t('confirmButton')}
        </button>
      </form>
    </div>
  );
}
