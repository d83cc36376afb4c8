#!/usr/bin/env node
// What `npm test` needs besides Node and npm: a Chromium for the e2e suite, Debian's
// redis-server for the shared-state tests (unit, server and e2e), and curl for the seed's own curl
// example (sandbox/test/server.test.ts; a minimal Debian has no curl). `npm test` runs this first; so
// does `.ci/run`. Each is looked for; what is missing is installed with apt-get when that can be
// done without asking (running as root, or with password-less sudo, on a machine with apt-get);
// otherwise it stops at once with the one command that installs it.
//
//   node scripts/lib/provision.mjs            # check and install if it can; exit 1 with the command if not
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where a Chromium is looked for, after PLAYWRIGHT_CHROMIUM_PATH (the same list as e2e/chromium.ts). */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

const works = (command, args = ['--version']) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/** What is missing, as Debian package names: chromium, redis-server and/or curl. */
export function missingPackages(env = process.env) {
  const missing = [];
  const chromium = env.PLAYWRIGHT_CHROMIUM_PATH ? existsSync(env.PLAYWRIGHT_CHROMIUM_PATH) : CHROMIUM_CANDIDATES.some((path) => existsSync(path));
  if (!chromium) missing.push('chromium');
  if (!works('redis-server')) missing.push('redis-server');
  if (!works('curl')) missing.push('curl');
  return missing;
}

/** "a", "a and b", "a, b and c". */
const listed = (names) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join(''));

/** How to run apt-get here without a question: directly as root, through password-less sudo, or not at all (null). */
function asRoot() {
  if (!works('apt-get', ['--version'])) return null;
  if (process.getuid?.() === 0) return [];
  if (works('sudo', ['-n', 'true'])) return ['sudo', '-n'];
  return null;
}

/**
 * Makes sure the packages are there; returns true when they are (installed now or before), false
 * after printing the command that installs them.
 */
export function provision({ log = (line) => console.log(`[provision] ${line}`), env = process.env } = {}) {
  const missing = missingPackages(env);
  if (missing.length === 0) return true;
  const command = `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;
  const prefix = asRoot();
  if (!prefix) {
    console.error(
      `[provision] npm test needs ${listed(missing)}, which this machine does not have, and cannot install ${missing.length > 1 ? 'them' : 'it'} itself (it is not root, or has no apt-get).\n` +
        `[provision] Install ${missing.length > 1 ? 'them' : 'it'} with:  ${command}\n` +
        '[provision] (Or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium or Chrome executable you have.) Then run npm test again.',
    );
    return false;
  }
  log(`Installing ${listed(missing)} with apt-get (about a minute)…`);
  const run = (args) => {
    const [command0, ...rest] = [...prefix, ...args];
    return spawnSync(command0, rest, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  if (!run(['apt-get', 'update', '-qq']) || !run(['apt-get', 'install', '-y', '-qq', ...missing])) {
    console.error(`[provision] apt-get could not install ${listed(missing)}; see its messages above. The command: ${command}`);
    return false;
  }
  const still = missingPackages(env);
  if (still.length > 0) {
    console.error(`[provision] ${listed(still)} still not found after apt-get; install ${still.length > 1 ? 'them' : 'it'} by hand: ${command}`);
    return false;
  }
  log(`Installed ${listed(missing)}.`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(provision() ? 0 : 1);
