/** The session cookie's name, in a module of its own so proxy.ts can read it without server-only code. */
export const SESSION_COOKIE_NAME = 'portico_session';
