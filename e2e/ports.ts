/** Where the e2e suite runs its own servers, away from a developer's `npm start` (3000/4080). */
export const PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT ?? 3100);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4181);
export const PORTAL_URL = `http://localhost:${PORTAL_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
export const SANDBOX_ADMIN = { email: 'admin@example.com', password: 'admin-password' };
export const OBO_PORTAL_PORT = Number(process.env.E2E_OBO_PORTAL_PORT ?? 3101);
export const OBO_PORTAL_URL = `http://localhost:${OBO_PORTAL_PORT}`;
export const E2E_SESSION_SECRET = 'e2e-only-secret-that-is-long-enough-0123456789';
// The embed servers' defaults follow the portal's and sandbox's ports (3102, 4182, 4183 by
// default), so a run that moves those to its own ports moves these along with them.
/** A portal that other sites may frame (EMBED_ORIGINS) and that takes single sign-on (SSO_SECRET). */
export const EMBED_PORTAL_PORT = Number(process.env.E2E_EMBED_PORTAL_PORT ?? PORTAL_PORT + 2);
export const EMBED_PORTAL_URL = `http://localhost:${EMBED_PORTAL_PORT}`;
/** A company's page embedding it: 127.0.0.1 is another site than localhost, as a real host would be. */
export const EMBED_HOST_PORT = Number(process.env.E2E_EMBED_HOST_PORT ?? SANDBOX_PORT + 1);
export const EMBED_HOST_URL = `http://127.0.0.1:${EMBED_HOST_PORT}`;
/** An origin not in EMBED_ORIGINS; nothing listens there, the tests fulfil its page themselves. */
export const FOREIGN_HOST_PORT = Number(process.env.E2E_FOREIGN_HOST_PORT ?? SANDBOX_PORT + 2);
export const FOREIGN_HOST_URL = `http://127.0.0.1:${FOREIGN_HOST_PORT}`;
export const E2E_SSO_SECRET = 'e2e-only-sso-secret-that-is-long-enough-9876543210';
/** Where Playwright writes traces and the JSON report that `npm test` counts. */
export const OUTPUT_DIR = process.env.E2E_OUTPUT_DIR ?? 'test-results';
/** The secret the main portal is rotating away from (SESSION_SECRET_PREVIOUS): its cookies still open. */
export const E2E_PREVIOUS_SESSION_SECRET = 'e2e-previous-secret-being-rotated-out-0123456789';
/**
 * Servers some specs start for themselves (extra portals, a fake or restartable help desk, Redis):
 * 10 above the main ports by default, so runs with their own E2E_* ports never collide.
 */
export const EXTRA_PORTAL_PORT_BASE = Number(process.env.E2E_EXTRA_PORTAL_PORT_BASE ?? PORTAL_PORT + 10);
export const EXTRA_SERVICE_PORT_BASE = Number(process.env.E2E_EXTRA_SERVICE_PORT_BASE ?? SANDBOX_PORT + 10);
