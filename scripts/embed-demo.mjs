#!/usr/bin/env node
// `npm run embed-demo`: the portal as `npm start` runs it, but embeddable, plus a company's page
// on another origin that embeds it (scripts/embed-host.mjs). Open http://127.0.0.1:4090: you are
// "signed in to the company's site" as alice@example.com, and the portal inside signs you in with
// a single sign-on token. (?sso=0 shows the frame's own sign-in instead.)
//
// It sets, unless already set: EMBED_ORIGINS to the demo page's origin; SSO_SECRET (generated into
// .data/sso-secret); and, with the bundled sandbox, its agent account for the on-behalf-of mode
// that single sign-on needs.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/processes.mjs';

const env = { ...process.env };
env.EMBED_DEMO_PORT ||= '4090';
env.EMBED_ORIGINS ||= `http://127.0.0.1:${env.EMBED_DEMO_PORT}`;
env.PORTICO_URL ||= `http://localhost:${env.PORT || '3000'}`;
if (!env.HELPDESK_URL) {
  // The sandbox's demo agent (sandbox/README.md): local data only.
  env.HELPDESK_AGENT_EMAIL ||= 'agent@example.com';
  env.HELPDESK_AGENT_PASSWORD ||= 'agent-password';
}
if (env.HELPDESK_AGENT_EMAIL && env.HELPDESK_AGENT_PASSWORD) env.SSO_SECRET ||= localSecret();
else console.warn('[embed-demo] No HELPDESK_AGENT_EMAIL/PASSWORD: single sign-on is off; sign in inside the frame.');

/** Kept in .data/ (git-ignored) so tokens minted before a restart still verify. */
function localSecret() {
  const file = path.join(root, '.data', 'sso-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const children = [
  spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { cwd: root, env, stdio: 'inherit' }),
  spawn(process.execPath, [path.join(root, 'scripts', 'embed-host.mjs')], { cwd: root, env, stdio: 'inherit' }),
];
const stopAll = (code) => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};
for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
