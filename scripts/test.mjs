#!/usr/bin/env node
// `npm test`: type check, lint, unit tests (node's test runner), a production build, the
// Playwright e2e suite against it with the sandbox help desk, once per help desk API (classic, v2), the server tests (graceful shutdown,
// readiness, logs), a short load test and the attachment memory measurement. Prints one summary at the end and fails if any stage
// fails or if no test ran at all.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordBuild } from './lib/processes.mjs';
import { provision } from './lib/provision.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const results = [];

function run(name, command, args, { env = {}, capture = false } = {}) {
  return new Promise((resolve) => {
    console.log(`\n▶ ${name}: ${[path.basename(command), ...args].join(' ')}`);
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env, ...env }, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (capture) {
      child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
      child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    }
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${code === 0 ? '✔' : '✘'} ${name} (${seconds}s)`);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** `next build` into NEXT_DIST_DIR (default .next), for the stages that run against the build. */
async function productionBuild() {
  const build = await run('production build', process.execPath, [bin('next', 'dist/bin/next'), 'build'], { env: { NODE_ENV: 'production' } });
  // So a later `npm start` or server test knows this build is current (scripts/lib/processes.mjs).
  if (build.code === 0) recordBuild();
  return build;
}

/** A node:test run's counts, read from the spec reporter's closing lines (`ℹ pass 12`). */
function nodeTestResult(suite, output) {
  const count = (label) => Number(output.match(new RegExp(`ℹ ${label} (\\d+)`))?.[1] ?? 0);
  // The spec reporter repeats each failed test under "failing tests:" at the end, marked ✖.
  const failingSection = output.split('\n✖ failing tests:')[1] ?? '';
  const failures = [...new Set(failingSection.split('\n').filter((line) => /^\s*✖ /.test(line)).map((line) => line.trim().slice(2)))];
  return { suite, passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo'), failures };
}

/**
 * The failed (and flaky: failed once, passed on the retry CI allows) tests of a Playwright JSON report, each as `file:line title: first line of the error`,
 * so the summary (often all a CI log keeps) says which test failed and why, not only how many.
 */
function playwrightFailures(report) {
  const found = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
        const last = test.results?.at(-1);
        const error = (last?.error?.message ?? last?.status ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((line) => line.trim()) ?? '';
        const mark = test.status === 'flaky' ? 'flaky, passed on retry: ' : '';
        found.push(`${mark}${spec.file}:${spec.line} ${[...titles, spec.title].join(' › ')}: ${error.trim().slice(0, 300)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.title && !child.title.endsWith('.ts') ? [...titles, child.title] : titles);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return found;
}

function findTests(dir, found = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) findTests(full, found);
    else if (entry.endsWith('.test.ts')) found.push(path.relative(root, full));
  }
  return found;
}

const wanted = (stage) => only.length === 0 || only.includes(stage);
let failed = false;

// Chromium, redis-server and curl, which the unit, e2e and server stages need: found, or installed with
// apt-get where that needs no question, or a stop right here naming the one command to run.
if (['unit', 'e2e', 'server'].some(wanted)) {
  console.log('\n▶ provision: Chromium, redis-server and curl (scripts/lib/provision.mjs)');
  if (!provision()) {
    console.log('✘ provision');
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  console.log('✔ provision');
}

if (wanted('typecheck')) {
  // PageProps and route types come from `next typegen`; generate them before checking.
  const gen = await run('route types', process.execPath, [bin('next', 'dist/bin/next'), 'typegen']);
  const tsc = gen.code === 0 ? await run('typecheck', process.execPath, [bin('typescript', 'bin/tsc'), '--noEmit']) : gen;
  failed ||= tsc.code !== 0;
}
if (wanted('lint')) {
  const lint = await run('lint', process.execPath, [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings=0']);
  failed ||= lint.code !== 0;
}
if (wanted('unit')) {
  const files = [...findTests(path.join(root, 'lib')), ...findTests(path.join(root, 'app')), ...findTests(path.join(root, 'sandbox'))];
  const unit = await run('unit tests', process.execPath, ['--conditions=react-server', '--import', 'tsx', '--test', '--test-reporter=spec', ...files], { capture: true });
  results.push(nodeTestResult('unit', unit.output));
  failed ||= unit.code !== 0;
}
if (wanted('e2e')) {
  const build = await productionBuild();
  if (build.code !== 0) {
    failed = true;
    results.push({ suite: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'build failed' });
  } else {
    // The whole suite once per help desk API the portal speaks (e2e/dialect.ts), one after the
    // other (the machine's cores go to the browser and the servers), each with its own output
    // directory; E2E_DIALECT=classic|v2 runs just one.
    const dialects = process.env.E2E_DIALECT ? [process.env.E2E_DIALECT] : ['classic', 'v2'];
    for (const dialect of dialects) {
      const outputDir = path.join(process.env.E2E_OUTPUT_DIR || 'test-results', dialect);
      const report = path.join(root, outputDir, 'e2e.json');
      rmSync(report, { force: true });
      const e2e = await run(`e2e tests (${dialect})`, process.execPath, [bin('@playwright/test', 'cli.js'), 'test'], {
        env: { E2E_DIALECT: dialect, E2E_OUTPUT_DIR: outputDir },
      });
      const suite = `e2e (${dialect})`;
      if (existsSync(report)) {
        const json = JSON.parse(readFileSync(report, 'utf8'));
        const { stats } = json;
        results.push({ suite, passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped, flaky: stats.flaky, failures: playwrightFailures(json) });
      } else {
        results.push({ suite, passed: 0, failed: 1, skipped: 0, note: 'no report: the run did not start' });
      }
      failed ||= e2e.code !== 0;
    }
  }
}

// The server, load and memory stages run against the production build as well: the e2e stage made
// it; run alone, they make it here. Each starts its own sandbox and portal on free ports.
if (wanted('server') || wanted('load') || wanted('memory')) {
  const build = wanted('e2e') ? null : await productionBuild();
  const buildFailed = build ? build.code !== 0 : results.some((r) => r.suite.startsWith('e2e') && r.note === 'build failed');
  if (build && buildFailed) {
    failed = true;
    results.push({ suite: 'server', passed: 0, failed: 1, skipped: 0, note: 'build failed' });
  }
  if (wanted('server') && !buildFailed) {
    // Graceful SIGTERM (next start and npm start), /readyz, the server's log, and the load test's tools.
    const files = readdirSync(path.join(root, 'scripts', 'test')).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join('scripts', 'test', f));
    const server = await run('server tests', process.execPath, ['--test', '--test-reporter=spec', ...files], { capture: true });
    results.push(nodeTestResult('server', server.output));
    failed ||= server.code !== 0;
  }
  if (wanted('load') && !buildFailed) {
    // A short load run (`npm run loadtest` is the full one); each of its checks counts as a test.
    const report = path.join(root, process.env.E2E_OUTPUT_DIR || 'test-results', 'load.json');
    rmSync(report, { force: true });
    const load = await run('load test', process.execPath, [path.join('scripts', 'loadtest.mjs'), '--users', '10', '--duration', '8', '--report', report]);
    if (existsSync(report)) {
      const { passed, failed: failedChecks } = JSON.parse(readFileSync(report, 'utf8'));
      results.push({ suite: 'load', passed, failed: failedChecks, skipped: 0 });
    } else {
      results.push({ suite: 'load', passed: 0, failed: 1, skipped: 0, note: 'no report: the run did not finish' });
    }
    failed ||= load.code !== 0;
  }
  if (wanted('memory') && !buildFailed) {
    // A 20 MiB file up and down through the portal, its memory sampled (scripts/measure/attachments.mjs); each check counts.
    const report = path.join(root, process.env.E2E_OUTPUT_DIR || 'test-results', 'memory.json');
    rmSync(report, { force: true });
    const memory = await run('attachment memory', process.execPath, [path.join('scripts', 'measure', 'attachments.mjs'), '--report', report]);
    if (existsSync(report)) {
      const { passed, failed: failedChecks } = JSON.parse(readFileSync(report, 'utf8'));
      results.push({ suite: 'memory', passed, failed: failedChecks, skipped: 0 });
    } else {
      results.push({ suite: 'memory', passed: 0, failed: 1, skipped: 0, note: 'no report: the measurement did not finish' });
    }
    failed ||= memory.code !== 0;
  }
}

console.log('\nSummary');
for (const r of results) {
  console.log(`  ${r.suite}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.flaky ? ` (${r.flaky} flaky)` : ''}${r.note ? ` (${r.note})` : ''}`);
  for (const failure of r.failures ?? []) console.log(`    ${failure.startsWith('flaky') ? '~' : '✘'} ${failure}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failedTests = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
const emptySuite = results.find((r) => r.passed + r.failed === 0);
if (emptySuite) {
  console.log(`  ${emptySuite.suite} ran no test: that is a failure, not a pass.`);
  failed = true;
}
if (results.length > 0 && passed === 0) failed = true;
console.log(`${passed} passed, ${failedTests} failed, ${skipped} skipped`);
process.exit(failed || failedTests > 0 ? 1 : 0);
