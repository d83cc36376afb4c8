import 'server-only';
import type { AttachmentRules } from '@/lib/attachments/rules';
import { keptFormState } from '@/lib/forms/kept-form-state';
import { getHelpdesk } from '@/lib/helpdesk';
import { getConfig } from '@/lib/platform/config';
import { sharedState } from '@/lib/platform/shared-state';

/**
 * What a page hands its new-request or reply form beyond the token: the attachment rules (none
 * when the help desk takes no files), and the state a send without JavaScript came back with, if
 * the address names one (`?form=…`, app/requests/form-post.ts) and it is this customer's.
 */
export async function formPageProps<State>(formKey: unknown, requesterId: string): Promise<{ attachments: AttachmentRules | null; initialState?: State }> {
  const attachments = getHelpdesk().capabilities.attachments ? getConfig().attachments : null;
  const kept = formKey ? await keptFormState<State>(sharedState(), formKey, requesterId) : null;
  return kept ? { attachments, initialState: kept } : { attachments };
}
