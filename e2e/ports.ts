/** Where the e2e suite runs its own servers, away from a developer's `npm start` (3000/4080). */
export const PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT ?? 3100);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4181);
export const PORTAL_URL = `http://localhost:${PORTAL_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
export const SANDBOX_ADMIN = { email: 'admin@example.com', password: 'admin-password' };
export const OBO_PORTAL_PORT = Number(process.env.E2E_OBO_PORTAL_PORT ?? 3101);
export const OBO_PORTAL_URL = `http://localhost:${OBO_PORTAL_PORT}`;
export const E2E_SESSION_SECRET = 'e2e-only-secret-that-is-long-enough-0123456789';
/** Where Playwright writes traces and the JSON report that `npm test` counts. */
export const OUTPUT_DIR = process.env.E2E_OUTPUT_DIR ?? 'test-results';
