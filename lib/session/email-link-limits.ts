import 'server-only';
import { createHash } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { makeLimiter } from './login-limits';

/**
 * How often links may be asked for, so the form cannot be used to flood a customer's inbox or the
 * help desk, without letting a stranger lock the customer out:
 *
 * - per client (any emails): LINKS_PER_CLIENT requests a window; beyond that the client is told to
 *   wait. It says nothing about any email, and holds back only that client.
 * - per email (all clients): at most LINKS_PER_EMAIL mails a window; further requests get the same
 *   page but send nothing. Every mail went to the owner's own inbox, and each of those links still
 *   works, so a stranger asking for links only fills the owner's inbox with ways in, a few at most.
 *   A link that is used clears its email's count.
 *
 * Counts live in the shared state (Redis with REDIS_URL), like the failed sign-in counts, so every
 * instance sees the same ones, and unknown emails are counted exactly like known ones.
 */
export const LINK_WINDOW_SECONDS = 15 * 60;
export const LINKS_PER_CLIENT = 10;
export const LINKS_PER_EMAIL = 3;

interface Limiters {
  byClient: RateLimiterAbstract;
  byEmail: RateLimiterAbstract;
}

const holder = globalThis as unknown as { __porticoLinkLimits?: Limiters };

function limiters(): Limiters {
  holder.__porticoLinkLimits ??= {
    byClient: makeLimiter('link-client', { points: LINKS_PER_CLIENT, duration: LINK_WINDOW_SECONDS }),
    byEmail: makeLimiter('link-email', { points: LINKS_PER_EMAIL, duration: LINK_WINDOW_SECONDS }),
  };
  return holder.__porticoLinkLimits;
}

// Hashed, as the sign-in counts are: the shared state holds no list of who asked.
const emailKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');

export type LinkRequestGate = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Counts a request for a link from `client`; refused once the client has asked too often. */
export async function takeClientLinkRequest(client: string): Promise<LinkRequestGate> {
  try {
    await limiters().byClient.consume(`client:${client}`);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return { allowed: false, retryAfterMs: (rejection as { msBeforeNext: number }).msBeforeNext };
  }
}

/** Counts a mail to `email`; false when this email has had its share this window (send nothing). */
export async function takeEmailLinkMail(email: string): Promise<boolean> {
  try {
    await limiters().byEmail.consume(emailKey(email));
    return true;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return false;
  }
}

/** The owner got in with a link: their email may have new ones at once. */
export async function clearEmailLinkMails(email: string): Promise<void> {
  await limiters().byEmail.delete(emailKey(email));
}
