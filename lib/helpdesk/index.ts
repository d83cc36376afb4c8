import 'server-only';
import { getConfig } from '../platform/config';
import { createClassicHelpdesk } from './classic';
import type { Helpdesk } from './types';
import { createV2Helpdesk } from './v2';

/**
 * The help desk door. Pages and actions call `getHelpdesk()` and use what it returns; which API is
 * behind it (HELPDESK_API: the classic XML one or Zendesk's v2 JSON) is chosen here, once, and
 * nothing outside this folder knows. A page that needs a feature only some help desks have asks
 * `helpdesk.capabilities`, never the dialect.
 */

export type * from './types';
export * from './errors';

let chosen: Helpdesk | undefined;

export function getHelpdesk(): Helpdesk {
  chosen ??= createHelpdesk();
  return chosen;
}

function createHelpdesk(): Helpdesk {
  const { helpdeskApi, agent, helpdeskToken } = getConfig();
  return helpdeskApi === 'v2' ? createV2Helpdesk({ token: helpdeskToken }) : createClassicHelpdesk({ agent });
}
