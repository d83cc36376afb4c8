import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

/**
 * `npm start`'s workers start at the same moment with no SESSION_SECRET (a local run): each must
 * end up with the one secret in .data/session-secret, or a cookie one worker sealed would not open
 * on another. Four processes race for a fresh directory, twice.
 */
test('workers starting at once without SESSION_SECRET all use one generated secret', { timeout: 60_000 }, async () => {
  const config = path.resolve(import.meta.dirname, '..', 'config.ts');
  // Run from the fresh directory, so tsx is named by its file.
  const tsx = pathToFileURL(path.resolve(import.meta.dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  // Each loads the code, says "ready", then spins until the "go" file appears: all decide at once.
  const script = `import(${JSON.stringify(config)}).then((m) => {
    const { existsSync } = require('node:fs');
    process.stdout.write('ready\\n');
    while (!existsSync('go')) {}
    process.stdout.write((m.parseConfig ?? m.default.parseConfig)({ PORTICO_LOCAL: '1' }).sessionSecret);
  })`;
  for (let round = 0; round < 2; round++) {
    const cwd = mkdtempSync(path.join(tmpdir(), 'portico-secret-'));
    let ready = 0;
    const secrets = Promise.all(
      Array.from({ length: 4 }, () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', tsx, '-e', script], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (chunk) => {
            out += chunk;
            if (out.startsWith('ready\n') && !(child as { counted?: true }).counted) {
              (child as { counted?: true }).counted = true;
              if (++ready === 4) writeFileSync(path.join(cwd, 'go'), '');
            }
          });
          child.on('exit', (code) => (code === 0 ? resolve(out.slice('ready\n'.length)) : reject(new Error(`exit ${code}`))));
        }),
      ),
    );
    const all = await secrets;
    const onDisk = readFileSync(path.join(cwd, '.data', 'session-secret'), 'utf8');
    assert.ok(onDisk.length >= 32);
    assert.deepEqual(new Set(all), new Set([onDisk]));
    assert.deepEqual(readdirSync(path.join(cwd, '.data')), ['session-secret'], 'no temporary files left');
  }
});
