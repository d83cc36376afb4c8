// What `npm start`, the load test and the server tests share: where the portal lives, building it
// when the build is missing or older than the source, waiting for a server to answer, and stopping
// one cleanly (SIGTERM, then a bounded wait).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

/** The environment `next build` and `next start` run in: production, no telemetry, `extra` on top. */
export const productionEnv = (extra = {}) => ({ NEXT_TELEMETRY_DISABLED: '1', ...process.env, NODE_ENV: 'production', ...extra });

/** The build directory (NEXT_DIST_DIR, default .next), as next.config.js reads it. */
export const distDir = (env = process.env) => path.join(root, env.NEXT_DIST_DIR || '.next');

// What goes into the build. tsconfig.json is among them although `next build` may rewrite it (it adds
// `<NEXT_DIST_DIR>/types/**` to "include" for a custom dist dir): it does so while type checking,
// before it writes BUILD_ID at the very end, so a build's own rewrite never makes that build look
// stale. (It does make the *other* dist dir's build look stale once, which costs a rebuild, no more.)
const SOURCE_DIRS = ['app', 'lib', 'public'];
const SOURCE_FILES = ['proxy.ts', 'next.config.js', 'tsconfig.json'];
// The dependencies count by content, not date: `npm install` rewrites package-lock.json even when
// nothing changed, and `npm install && npm start` must not rebuild every time.
const DEPENDENCY_FILES = ['package.json', 'package-lock.json'];
const STAMP = 'portico-dependencies.sha256';

function dependencyHash() {
  const hash = createHash('sha256');
  for (const name of DEPENDENCY_FILES) {
    try {
      hash.update(readFileSync(path.join(root, name)));
    } catch {
      hash.update('(none)');
    }
  }
  return hash.digest('hex');
}

/** After a build: remembers which dependencies it was made with (see buildState). */
export function recordBuild(dir = distDir()) {
  writeFileSync(path.join(dir, STAMP), dependencyHash());
}

/** Whether the dependencies changed since the build in `dir`; by date for a build nobody stamped. */
function dependenciesChanged(dir, builtAt) {
  let stamp;
  try {
    stamp = readFileSync(path.join(dir, STAMP), 'utf8');
  } catch {
    return DEPENDENCY_FILES.find((name) => {
      try {
        return statSync(path.join(root, name)).mtimeMs > builtAt;
      } catch {
        return false;
      }
    }) ?? null;
  }
  return stamp === dependencyHash() ? null : 'package-lock.json';
}
const isSourceFile = (name) => SOURCE_FILES.includes(name) || /^instrumentation.*\.ts$/.test(name);

/**
 * The first source file or folder (relative to the repository) changed after `since` (ms), or null.
 * Folders count too: deleting or renaming a file changes its folder's mtime, not any file's.
 * Skips node_modules, dot-files and dot-folders, and lib's test/ folders (not part of the build).
 */
export function changedSince(since) {
  const newer = (full) => {
    try {
      return statSync(full).mtimeMs > since;
    } catch {
      return false; // deleted while we looked
    }
  };
  const walk = (dir) => {
    if (newer(dir)) return dir;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return null; // absent (e.g. no public/)
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'test' && path.relative(root, dir).split(path.sep)[0] === 'lib') continue;
        const found = walk(full);
        if (found) return found;
      } else if (newer(full)) {
        return full;
      }
    }
    return null;
  };
  for (const name of readdirSync(root)) {
    if (isSourceFile(name) && newer(path.join(root, name))) return name;
  }
  for (const name of SOURCE_DIRS) {
    const found = walk(path.join(root, name));
    if (found) return path.relative(root, found);
  }
  return null;
}

/**
 * The state of the production build in `dir`: `{ state: 'missing' }` (no BUILD_ID),
 * `{ state: 'stale', changed }` (`changed` is newer than BUILD_ID, which `next build` writes last)
 * or `{ state: 'fresh' }`.
 */
export function buildState(dir = distDir()) {
  let builtAt;
  try {
    builtAt = statSync(path.join(dir, 'BUILD_ID')).mtimeMs;
  } catch {
    return { state: 'missing' };
  }
  const changed = dependenciesChanged(dir, builtAt) ?? changedSince(builtAt);
  return changed ? { state: 'stale', changed } : { state: 'fresh' };
}

/**
 * Runs `next build` (output shown) when the build in env's NEXT_DIST_DIR is missing or stale, after
 * calling `announce(state, changed)` to say why. Returns the build's exit status; 0 when none was needed.
 */
export function buildIfNeeded({ env = productionEnv(), announce = () => {} } = {}) {
  const { state, changed } = buildState(distDir(env));
  if (state === 'fresh') return 0;
  announce(state, changed);
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, env, stdio: 'inherit' });
  if (build.status === 0) recordBuild(distDir(env));
  return build.status ?? 1;
}

/** Whether `url` answers 2xx within a second. */
export async function isHealthy(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Resolves once `url` answers 2xx; rejects when `child` (if given) exits first or after `timeoutMs`. */
export async function waitFor(url, { timeoutMs = 60_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await isHealthy(url)) return;
    if (child && child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode}) before answering`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * SIGTERM, then wait (bounded) for the exit; `onKill()` and SIGKILL if it does not come.
 * Resolves to the exit code or signal.
 */
export function stop(child, timeoutMs = 15_000, { onKill } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child?.exitCode ?? child?.signalCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      onKill?.();
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
    child.kill('SIGTERM');
  });
}
