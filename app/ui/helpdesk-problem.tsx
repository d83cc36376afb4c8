import Link from 'next/link';
import type { HelpdeskError } from '@/lib/helpdesk/errors';
import { helpdeskErrorMessage } from './helpdesk-messages';
import { Notice } from './notice';

/**
 * What a read shows when the help desk fails: what happened in plain words and what to do. The
 * page itself keeps working (header, navigation), and a reload tries again.
 */
export function HelpdeskProblem({ error, retryHref }: { error: HelpdeskError; retryHref: string }) {
  return (
    <Notice tone="error" title="We couldn’t reach your support requests">
      <p>{helpdeskErrorMessage(error)}</p>
      <p>
        <Link href={retryHref} prefetch={false}>
          Try again
        </Link>
      </p>
    </Notice>
  );
}
