import { HelpdeskForbiddenError, HelpdeskNotFoundError, HelpdeskUnauthorizedError } from './errors';
import type { Credentials, Requester } from './types';

/**
 * Both adapters' `findEndUser`: "who am I" on behalf of the email, with the portal's own
 * credential. The help desk answers for an existing end user (`lookUp` gives null for staff), and
 * refuses (401, 403, 404) an unknown email or one it will not act for: nobody, as is an answer
 * about someone else (it should never act for another person, but the email link must not trust it).
 */
export async function endUserByEmail(email: string, lookUp: (credentials: Credentials) => Promise<Requester | null>): Promise<Requester | null> {
  try {
    const user = await lookUp({ kind: 'on-behalf-of', email });
    return user && user.email.toLowerCase() === email.trim().toLowerCase() ? user : null;
  } catch (error) {
    if (error instanceof HelpdeskUnauthorizedError || error instanceof HelpdeskForbiddenError || error instanceof HelpdeskNotFoundError) return null;
    throw error;
  }
}
