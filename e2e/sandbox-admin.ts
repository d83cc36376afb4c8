import { sandboxClient } from '../scripts/lib/sandbox-client.mjs';
import { SANDBOX_ADMIN, SANDBOX_URL } from './ports';

/**
 * The e2e suite's hands on the sandbox help desk: the agent/admin API to arrange data the portal
 * cannot (other users, agent replies and internal notes with files, assignees, statuses, names and
 * photos), reads of what the help desk holds (comments with their files, the files' bytes), plus
 * its fault injection and call counter. It is the repository's one sandbox client
 * (scripts/lib/sandbox-client.mjs, also the load test's and the server tests'), bound to the suite's
 * sandbox; staff calls are made as the sandbox admin.
 */
export type { EndUser, SandboxAttachment, SandboxComment, SandboxFile } from '../scripts/lib/sandbox-client.mjs';

export const sandbox = sandboxClient(SANDBOX_URL, SANDBOX_ADMIN);
