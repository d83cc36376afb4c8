import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CLIENT_MESSAGES, clientMessages, type ClientMessagesPart } from '../client-messages';
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
 * The catalog sections the client code reachable from `entry` translates with: every 'use client'
 * file it imports (through server components too) and what those import. A file with
 * useTranslations('section') uses that section; a file translating with the whole catalog
 * (useTranslations() or a translator handed to it) names the section in each key.
 */
function sectionsUsedByClientCode(entry: string): Map<string, string> {
  const used = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string, client: boolean) => {
    const key = `${client}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const text = readFileSync(file, 'utf8');
    const isClient = client || /^['"]use client['"]/m.test(text);
    // Server code a client file names (its actions, 'use server') runs on the server, with the whole catalog.
    if (isClient && (/^import 'server-only'/m.test(text) || /^['"]use server['"]/m.test(text))) return;
    if (isClient) {
      const namespaced = [...text.matchAll(/useTranslations\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!.split('.')[0]!);
      for (const section of namespaced) used.set(section, path.relative(root, file));
      if (namespaced.length === 0) {
        for (const [, section] of text.matchAll(/\bt(?:\.rich|\.markup)?\(\s*['`]([A-Za-z]+)\./g)) used.set(section!, path.relative(root, file));
      }
    }
    for (const next of imports(file, text)) visit(next, isClient);
  };
  visit(entry, false);
  return used;
}

/** Next's entry files under app/: pages, layouts and the error and not-found pages (rendered inside the root layout). */
const entries = sourceFiles(path.join(root, 'app')).filter((file) => /\/(page|layout|error|not-found|global-error|loading|template)\.tsx$/.test(file));

/** The part an entry file's client components get: that of the nearest layout at or above it that names one, else the root layout's. */
function partOf(file: string): ClientMessagesPart {
  for (let dir = path.dirname(file); dir.startsWith(path.join(root, 'app')); dir = path.dirname(dir)) {
    const layout = path.join(dir, 'layout.tsx');
    if (!existsSync(layout)) continue;
    const parts = [...readFileSync(layout, 'utf8').matchAll(/<ClientMessages part="([A-Za-z]+)">/g)].map((m) => m[1] as ClientMessagesPart);
    assert.ok(parts.length <= 1, `${path.relative(root, layout)} names more than one part`);
    if (parts[0]) return parts[0];
  }
  return 'everyPage';
}

test('parts are given by layouts only: a page with two ways out would leave one of them without its words', () => {
  const pagesWithParts = entries.filter((file) => !file.endsWith('layout.tsx') && readFileSync(file, 'utf8').includes('<ClientMessages'));
  assert.deepEqual(pagesWithParts.map((file) => path.relative(root, file)), []);
  assert.equal(partOf(path.join(root, 'app', 'requests', '[id]', 'page.tsx')), 'request');
  assert.equal(partOf(path.join(root, 'app', 'login', 'email', 'page.tsx')), 'signIn');
});

test('every page sends the catalog sections its client components translate with', () => {
  assert.ok(entries.some((file) => file.endsWith(path.join('requests', '[id]', 'page.tsx'))), 'the scan finds the request page');
  const reply = sectionsUsedByClientCode(entries.find((file) => file.endsWith(path.join('requests', '[id]', 'page.tsx')))!);
  assert.ok(reply.has('request') && reply.has('attachments') && reply.has('helpdesk'), 'the scan finds the reply form, the attachment picker and its helpers');
  const missing = entries.flatMap((file) => {
    const part = partOf(file);
    const sent: readonly string[] = CLIENT_MESSAGES[part];
    return [...sectionsUsedByClientCode(file)].filter(([section]) => !sent.includes(section)).map(([section, user]) => `${path.relative(root, file)} (part ${part}) lacks ${section}, used by ${user}`);
  });
  assert.deepEqual(missing, [], 'give the route a layout with <ClientMessages part="…"> or add the section to that part in lib/i18n/client-messages.ts');
});

test('each part sends only its sections: the list page sends the language picker\'s, what only the server renders stays there', () => {
  const everyPage = clientMessages(en, 'everyPage');
  assert.deepEqual(Object.keys(everyPage).sort(), [...CLIENT_MESSAGES.everyPage].sort());
  assert.equal(partOf(path.join(root, 'app', 'requests', 'page.tsx')), 'everyPage');
  for (const part of Object.keys(CLIENT_MESSAGES) as ClientMessagesPart[]) {
    const sent = clientMessages(en, part);
    for (const serverOnly of ['write', 'listFilters', 'sso', 'requests'] as const) assert.ok(!(serverOnly in sent), `${part}: ${serverOnly}`);
  }
  assert.equal(clientMessages(en, 'request').request, en.request);
});
