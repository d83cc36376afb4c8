// `npm start` with the bundled sandbox: the email link works out of the box. The sandbox runs its
// own SMTP server (SANDBOX_SMTP_PORT, by default 5 above SANDBOX_PORT) and keeps what it receives in
// its outbox; the portal is pointed at it and given the on-behalf-of credential the link needs
// (classic: the sandbox's agent; v2: an OAuth token the sandbox creates at start). Settings given
// explicitly win; SIGN_IN_METHODS set by hand turns all of this off.

/** A local, loopback-only demo token: the sandbox creates it (SANDBOX_OAUTH_TOKEN), nothing else accepts it. */
export const LOCAL_OAUTH_TOKEN = 'portico-local-sandbox-oauth-token';

/** The sandbox's mail server port as the sandbox derives it (sandbox/config.ts), or null when it is off. */
export function sandboxSmtpPort(env) {
  if (env.SANDBOX_SMTP_PORT === 'off') return null;
  if (env.SANDBOX_SMTP_PORT) return Number(env.SANDBOX_SMTP_PORT);
  return Number(env.SANDBOX_PORT || 4080) + 5;
}

/** The settings to add for the bundled sandbox's mail; {} when the person starting chose otherwise. */
export function localEmailLinkEnv(env) {
  const smtpPort = sandboxSmtpPort(env);
  if (env.SIGN_IN_METHODS || smtpPort === null || smtpPort === 0) return {};
  const extra = {
    SIGN_IN_METHODS: 'password,email-link',
    SMTP_URL: env.SMTP_URL || `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: env.MAIL_FROM || 'Portico sandbox <support@example.com>',
    PORTAL_PUBLIC_URL: env.PORTAL_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`,
  };
  if (env.HELPDESK_API === 'v2') {
    if (!env.HELPDESK_API_TOKEN && !env.HELPDESK_OAUTH_TOKEN) extra.HELPDESK_OAUTH_TOKEN = LOCAL_OAUTH_TOKEN;
  } else if (!env.HELPDESK_AGENT_EMAIL && !env.HELPDESK_AGENT_PASSWORD) {
    extra.HELPDESK_AGENT_EMAIL = 'agent@example.com';
    extra.HELPDESK_AGENT_PASSWORD = 'agent-password';
  }
  return extra;
}

/** Where the demo user reads their sign-in link, for `npm start` to print; null without the email link. */
export function outboxLine(env) {
  if (!env.SMTP_URL || !String(env.SIGN_IN_METHODS ?? '').includes('email-link')) return null;
  const sandboxPort = env.SANDBOX_PORT || '4080';
  return `Sign-in links by email: read them at http://127.0.0.1:${sandboxPort}/_sandbox/outbox (as admin@example.com / admin-password)`;
}
