import { SANDBOX_ADMIN, SANDBOX_URL } from './ports';

/**
 * The e2e suite's hands on the sandbox help desk: the agent/admin API to arrange data the portal
 * cannot (other users, agent replies and internal notes with files, assignees, statuses, names and
 * photos), reads of what the help desk holds (comments with their files, the files' bytes), plus
 * its fault injection and call counter. It is the repository's one sandbox client
 * (scripts/lib/sandbox-client.mjs, also the load test's and the server tests'), bound to the suite's
 * sandbox; staff calls are made as the sandbox admin.
 *
 * Loaded with a dynamic import, on the first call: Playwright compiles what a spec imports
 * statically to CommonJS, which an ES module (.mjs) cannot be.
 */
export type { EndUser, SandboxAttachment, SandboxComment, SandboxFile } from '../scripts/lib/sandbox-client.mjs';

type Client = ReturnType<(typeof import('../scripts/lib/sandbox-client.mjs'))['sandboxClient']>;
type Calls = { [K in keyof Client as Client[K] extends (...args: never[]) => Promise<unknown> ? K : never]: Client[K] };

let loaded: Promise<Client> | undefined;
const client = () => (loaded ??= import('../scripts/lib/sandbox-client.mjs').then(({ sandboxClient }) => sandboxClient(SANDBOX_URL, SANDBOX_ADMIN)));

export const sandbox = new Proxy({} as Calls, {
  get: (_target, name) => async (...args: unknown[]) => ((await client()) as unknown as Record<string | symbol, (...a: unknown[]) => Promise<unknown>>)[name]!(...args),
});
