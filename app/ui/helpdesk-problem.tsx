import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { HelpdeskError } from '@/lib/helpdesk/errors';
import { helpdeskErrorMessage } from './helpdesk-messages';
import { Notice } from './notice';

/**
 * What a read shows when the help desk fails: what happened in plain words and what to do. The
 * page itself keeps working (header, navigation), and a reload tries again.
 */
export async function HelpdeskProblem({ error, retryHref }: { error: HelpdeskError; retryHref: string }) {
  const t = await getTranslations();
  return (
    <Notice tone="error" title={t('helpdesk.problemTitle')}>
      <p>{helpdeskErrorMessage(t, error)}</p>
      <p>
        <Link href={retryHref} prefetch={false}>
          {t('helpdesk.tryAgain')}
        </Link>
      </p>
    </Notice>
  );
}
