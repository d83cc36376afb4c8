import type { Helpdesk } from './types';

/**
 * Which credentials a call carries, the same for every dialect: the customer's own password, or
 * (when the portal has an account of its own that acts for customers: an agent, an API token, an
 * OAuth token) on behalf of the customer's email. Only how they become headers is the adapter's.
 */
export function credentialRules(actsForCustomers: boolean): Pick<Helpdesk, 'signInMode' | 'passwordCredentials' | 'onBehalfOf' | 'callerFor'> {
  return {
    signInMode: actsForCustomers ? 'on-behalf-of' : 'end-user',

    passwordCredentials: (email, password) => ({ kind: 'password', email, password }),

    onBehalfOf: (email) => (actsForCustomers ? { kind: 'on-behalf-of', email } : null),

    callerFor({ requester, password }) {
      // The organization's list is the caller's only where it shares requests.
      const organization = requester.organization?.sharedTickets ? { organizationId: requester.organization.id } : {};
      if (actsForCustomers) return { requesterId: requester.id, credentials: { kind: 'on-behalf-of', email: requester.email }, ...organization };
      // A session sealed in on-behalf-of mode carries no password: it cannot call as the user.
      if (!password) return null;
      return { requesterId: requester.id, credentials: { kind: 'password', email: requester.email, password }, ...organization };
    },
  };
}
