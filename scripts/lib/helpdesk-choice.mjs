// What `npm start` tells the person starting it about the help desk side: which API the portal
// speaks (HELPDESK_API) and how customers sign in, and what the bundled sandbox needs to match.

/** One line: the help desk API and the sign-in mode these settings give (lib/platform/config.ts decides; this only describes). */
export function describeHelpdesk(env) {
  if (env.HELPDESK_API === 'v2') {
    if (env.HELPDESK_OAUTH_TOKEN) return 'Help desk API: v2 (JSON); on behalf of customers with the OAuth token (HELPDESK_OAUTH_TOKEN, X-On-Behalf-Of)';
    if (env.HELPDESK_API_TOKEN) return 'Help desk API: v2 (JSON); on behalf of customers with the API token (HELPDESK_API_TOKEN, email/token)';
    return "Help desk API: v2 (JSON); customers' own passwords (end-user mode)";
  }
  if (env.HELPDESK_AGENT_EMAIL) return `Help desk API: classic (XML); on behalf of customers as the agent ${env.HELPDESK_AGENT_EMAIL}`;
  return "Help desk API: classic (XML); customers' own passwords (end-user mode)";
}

/**
 * The bundled sandbox's settings for the portal's v2 token, so `HELPDESK_API=v2
 * HELPDESK_API_TOKEN=…` (or HELPDESK_OAUTH_TOKEN) works against it with no admin call first: the
 * sandbox creates that token at start (SANDBOX_API_TOKEN / SANDBOX_OAUTH_TOKEN, sandbox/README.md).
 * Settings given explicitly win.
 */
export function sandboxTokenEnv(env) {
  const extra = {};
  if (env.HELPDESK_API !== 'v2') return extra;
  if (env.HELPDESK_API_TOKEN && !env.SANDBOX_API_TOKEN) extra.SANDBOX_API_TOKEN = env.HELPDESK_API_TOKEN;
  if (env.HELPDESK_OAUTH_TOKEN && !env.SANDBOX_OAUTH_TOKEN) extra.SANDBOX_OAUTH_TOKEN = env.HELPDESK_OAUTH_TOKEN;
  return extra;
}
