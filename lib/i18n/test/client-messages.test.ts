import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CLIENT_SECTIONS, clientMessages } from '../client-messages';
import type { Messages } from '../messages';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const en = JSON.parse(readFileSync(path.join(root, 'lib', 'i18n', 'messages', 'en.json'), 'utf8')) as Messages;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' || entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The files a file imports by relative path or '@/'. */
function imports(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/from\s+'((?:\.{1,2}|@)\/[^']+)'/g)) {
    const spec = match[1]!;
    const base = spec.startsWith('@/') ? path.join(root, spec.slice(2)) : path.resolve(path.dirname(file), spec);
    const hit = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((candidate) => existsSync(candidate));
    if (hit) found.push(hit);
  }
  return found;
}

/**
 * The catalog sections the browser's code translates with: every 'use client' file and what it
 * imports. A file with useTranslations('section') uses that section; a file translating with the
 * whole catalog (useTranslations() or a translator handed to it) names the section in each key.
 */
function sectionsUsedByClientCode(): Map<string, string> {
  const used = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // Server code a client file names (its actions, 'use server') runs on the server, with the whole catalog.
    if (/^import 'server-only'/m.test(text) || /^['"]use server['"]/m.test(text)) return;
    const namespaced = [...text.matchAll(/useTranslations\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!.split('.')[0]!);
    for (const section of namespaced) used.set(section, path.relative(root, file));
    if (namespaced.length === 0) {
      for (const [, section] of text.matchAll(/\bt(?:\.rich|\.markup)?\(\s*['`]([A-Za-z]+)\./g)) used.set(section!, path.relative(root, file));
    }
    for (const next of imports(file, text)) visit(next);
  };
  for (const file of [...sourceFiles(path.join(root, 'app')), ...sourceFiles(path.join(root, 'lib'))]) {
    if (/^['"]use client['"]/m.test(readFileSync(file, 'utf8'))) visit(file);
  }
  return used;
}

test('every catalog section that client code translates with is sent to the browser', () => {
  const used = sectionsUsedByClientCode();
  assert.ok(used.has('request') && used.has('attachments') && used.has('helpdesk'), 'the scan finds the reply form, the attachment picker and its helpers');
  const missing = [...used].filter(([section]) => !(CLIENT_SECTIONS as readonly string[]).includes(section)).map(([section, file]) => `${section} (${file})`);
  assert.deepEqual(missing, [], 'add these to CLIENT_SECTIONS in lib/i18n/client-messages.ts');
});

test('only those sections go to the browser: what only the server renders stays there', () => {
  const sent = clientMessages(en);
  assert.deepEqual(Object.keys(sent).sort(), [...CLIENT_SECTIONS].sort());
  for (const serverOnly of ['write', 'listFilters', 'sso', 'requests'] as const) assert.ok(!(serverOnly in sent), serverOnly);
  assert.equal(sent.request, en.request);
});
