import Link from 'next/link';
import type { ComponentProps } from 'react';

/**
 * A link to a request's page: the one way to make one. It is never prefetched. Next prefetches
 * a page's head for a link in view (even a dynamic page's), and a request page's head is its
 * subject, read from the help desk: the list's 15 rows would cost 15 help desk calls on every
 * view. A dynamic page's prefetch holds nothing else worth having.
 */
export function RequestLink({ id, ...link }: Omit<ComponentProps<typeof Link>, 'href' | 'prefetch'> & { id: string }) {
  return <Link {...link} href={`/requests/${id}`} prefetch={false} />;
}
