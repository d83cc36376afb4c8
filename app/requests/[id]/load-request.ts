import 'server-only';
import { cache } from 'react';
import { getHelpdesk } from '@/lib/helpdesk';
import { readHelpdesk } from '@/lib/session/read-helpdesk';
import { requireCaller } from '@/lib/session/session';

/**
 * A request page's one read, shared by its `generateMetadata` (the title names the subject) and
 * the page itself: React's `cache` runs it once per page view, so naming the subject in the title
 * costs no second help desk call (e2e/details.spec.ts counts them). A redirect or a 404 it throws
 * is cached and thrown again the same way.
 */
export const loadRequest = cache(async (id: string) => {
  const here = `/requests/${encodeURIComponent(id)}`;
  const { caller, requester } = await requireCaller(here);
  const result = await readHelpdesk(() => getHelpdesk().getRequest(caller, id), here);
  return { here, requester, result };
});
