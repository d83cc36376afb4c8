import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { createTranslator } from 'use-intl/core';
import en from '../../i18n/messages/en.json';
import { readFieldIssue } from '../field-issue';
import { NewRequestSchema, ReplySchema, SolveSchema } from '../request-input';

// The schemas say codes with parameters; read here through the English catalog, as the forms show them.
const t = createTranslator({ locale: 'en', messages: en });
const words = (message: string) => {
  const { code, params } = readFieldIssue(message);
  return t(`fields.${code}`, params as Record<string, string | number>);
};
const errorsOf = (result: { success: boolean; error?: z.ZodError }): Record<string, string[] | undefined> =>
  result.success ? {} : Object.fromEntries(Object.entries(z.flattenError(result.error!).fieldErrors).map(([field, list]) => [field, (list as string[]).map(words)]));

test('a subject is trimmed, required, and at most 150 characters', () => {
  const ok = NewRequestSchema.parse({ subject: '  Printer  ', description: 'x' });
  assert.equal(ok.subject, 'Printer');
  assert.deepEqual(errorsOf(NewRequestSchema.safeParse({ subject: '   ', description: 'x' })), { subject: ['Enter a subject.'] });
  assert.ok(NewRequestSchema.safeParse({ subject: 'a'.repeat(150), description: 'x' }).success);
  assert.deepEqual(errorsOf(NewRequestSchema.safeParse({ subject: 'a'.repeat(151), description: 'x' })), {
    subject: ['The subject must be at most 150 characters; it has 151.'],
  });
});

test('lengths are counted as the help desk counts them: an emoji is two', () => {
  // The sandbox, the reference help desk, refuses a subject over 150 UTF-16 units (sandbox/input.ts).
  assert.ok(NewRequestSchema.safeParse({ subject: '😀'.repeat(75), description: 'x' }).success, '75 emoji are exactly the limit');
  assert.deepEqual(errorsOf(NewRequestSchema.safeParse({ subject: '😀'.repeat(100), description: 'x' })), {
    subject: ['The subject must be at most 150 characters; it has 200, because emoji and some other symbols count as two.'],
  });
  assert.ok(NewRequestSchema.safeParse({ subject: 'é'.repeat(150), description: 'x' }).success, 'an accented letter is one');
  assert.ok(ReplySchema.safeParse({ requestId: '1', body: '😀'.repeat(32_767) + 'a' }).success);
  assert.deepEqual(errorsOf(ReplySchema.safeParse({ requestId: '1', body: '😀'.repeat(32_768) })), {
    body: ['A reply must be at most 65,535 characters; it has 65,536, because emoji and some other symbols count as two.'],
  });
});

test('a description keeps its text exactly, but for the browser’s CRLF line endings', () => {
  const text = '  <script>alert(1)</script> & ]]> "q" \'a\'\r\n日本語 😀\r\n  ';
  assert.equal(NewRequestSchema.parse({ subject: 's', description: text }).description, text.replace(/\r\n/g, '\n'));
});

test('a description is required, at most 65,535 characters, and has no NUL', () => {
  assert.deepEqual(errorsOf(NewRequestSchema.safeParse({ subject: 's', description: ' \n ' })), { description: ['Enter a description.'] });
  assert.ok(NewRequestSchema.safeParse({ subject: 's', description: 'a'.repeat(65_535) }).success);
  assert.deepEqual(errorsOf(NewRequestSchema.safeParse({ subject: 's', description: 'a'.repeat(65_536) })), {
    description: ['A description must be at most 65,535 characters; it has 65,536.'],
  });
  assert.match(String(errorsOf(NewRequestSchema.safeParse({ subject: 's', description: 'a\u0000b' })).description), /NUL/);
});

test('a reply needs a numeric request id and text', () => {
  assert.ok(ReplySchema.safeParse({ requestId: '12', body: 'Thanks' }).success);
  assert.deepEqual(Object.keys(errorsOf(ReplySchema.safeParse({ requestId: '12; drop', body: '' }))).sort(), ['body', 'requestId']);
});

test('a new request may follow up on another, named by its number; no link when the form has none', () => {
  assert.equal(NewRequestSchema.parse({ subject: 'S', description: 'D' }).followUpOf, null);
  assert.equal(NewRequestSchema.parse({ subject: 'S', description: 'D', followUpOf: '' }).followUpOf, null);
  assert.equal(NewRequestSchema.parse({ subject: 'S', description: 'D', followUpOf: '42' }).followUpOf, '42');
  for (const bad of ['4 2', '-1', '42abc', '../1', 'x'.repeat(3)]) {
    assert.deepEqual(errorsOf(NewRequestSchema.safeParse({ subject: 'S', description: 'D', followUpOf: bad })), { followUpOf: [t('fields.requestNotFound')] }, bad);
  }
});

test('marking solved takes an empty last word, or one that follows a reply’s rules', () => {
  assert.deepEqual(SolveSchema.parse({ requestId: '7', body: '' }), { requestId: '7', body: '' });
  assert.deepEqual(SolveSchema.parse({ requestId: '7', body: '  \r\n ' }), { requestId: '7', body: '' }, 'only spaces is no comment');
  assert.equal(SolveSchema.parse({ requestId: '7', body: 'Thanks!\r\nAll good.' }).body, 'Thanks!\nAll good.');
  assert.deepEqual(errorsOf(SolveSchema.safeParse({ requestId: '7', body: 'x'.repeat(65_536) })), {
    body: ['A reply must be at most 65,535 characters; it has 65,536.'],
  });
  assert.ok(errorsOf(SolveSchema.safeParse({ requestId: '7', body: 'a\u0000b' })).body?.[0]?.includes('NUL'));
  assert.deepEqual(Object.keys(errorsOf(SolveSchema.safeParse({ requestId: 'x', body: '' }))), ['requestId']);
});
