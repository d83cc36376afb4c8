import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTranslator } from 'use-intl/core';
import type { FileIssue } from '@/lib/attachments/issues';
import { LOCALES, type Locale } from '@/lib/i18n/locales';
import en from '@/lib/i18n/messages/en.json';
import { fileIssueWords, formatSize, withFileErrors, type AttachmentWords } from '../file-words';

const translator = async (locale: Locale) =>
  createTranslator({ locale, messages: (await import(`@/lib/i18n/messages/${locale}.json`)).default as typeof en }) as unknown as AttachmentWords;

const issues: FileIssue[] = [
  { code: 'too_large', maxBytes: 20 * 1024 * 1024, fileName: 'huge.zip' },
  { code: 'blocked_type', extension: 'exe', fileName: 'setup.exe' },
  { code: 'empty', fileName: 'nothing.txt' },
  { code: 'too_many', maxFiles: 10, fileName: 'eleventh.txt' },
  { code: 'expired', fileName: 'old.txt' },
  { code: 'invalid', fileName: null },
  { code: 'upload_failed', fileName: 'log.txt', helpdesk: 'unavailable' },
  { code: 'incomplete', fileName: 'cut.bin' },
  { code: 'session_ended', fileName: 'late.txt' },
];

test('each issue names the file and the rule, in English', async () => {
  const t = await translator('en');
  assert.deepEqual(
    issues.map((issue) => fileIssueWords(t, 'en', issue)),
    [
      '“huge.zip” is too large: a file can be at most 20 MB.',
      '“setup.exe” can’t be attached: .exe files are programs or scripts, which are not accepted.',
      '“nothing.txt” is empty, so there is nothing to attach.',
      '“eleventh.txt” was not added: a message can have at most 10 files.',
      '“old.txt” has to be chosen again: its upload has expired, or belongs to another sign-in.',
      'One of the files could not be attached. Please choose it again.',
      '“log.txt” was not uploaded. The help desk is not answering right now. Please try again in a minute.',
      '“cut.bin” did not arrive completely. Please choose it again.',
      '“late.txt” was not sent: your session had ended. Please choose it again.',
    ],
  );
});

test('every language says every issue with the file’s name in it', async () => {
  for (const locale of LOCALES) {
    const t = await translator(locale);
    for (const issue of issues) {
      const words = fileIssueWords(t, locale, issue);
      assert.ok(words.length > 10, `${locale} ${issue.code}`);
      if (issue.fileName) assert.ok(words.includes(issue.fileName), `${locale} ${issue.code}: ${words}`);
    }
  }
});

test('sizes read as each language writes them', () => {
  assert.equal(formatSize(20 * 1024 * 1024, 'en'), '20 MB');
  assert.equal(formatSize(1536, 'en'), '1.5 kB');
  assert.equal(formatSize(1536, 'de'), '1,5 kB');
  assert.equal(formatSize(75, 'en'), '75 bytes');
});

test('file issues join a form’s errors under `files`, beside the text fields’ own', async () => {
  const t = await translator('en');
  assert.deepEqual(withFileErrors(t, 'en', { body: ['Enter a reply.'] }, [{ code: 'empty', fileName: 'a.txt' }]), {
    body: ['Enter a reply.'],
    files: ['“a.txt” is empty, so there is nothing to attach.'],
  });
  assert.deepEqual(withFileErrors(t, 'en', { body: ['x'] }, []), { body: ['x'] });
  assert.equal(withFileErrors(t, 'en', undefined, undefined), undefined);
});
