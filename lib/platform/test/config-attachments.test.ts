import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_BLOCKED_EXTENSIONS } from '../../attachments/rules';
import { parseConfig } from '../config';
import { configProblems } from './config-problems';

const SECRET = 's'.repeat(32);

test('attachments: 20 MiB a file, 10 a message, executables and scripts refused by default', () => {
  const { attachments } = parseConfig({ SESSION_SECRET: SECRET });
  assert.equal(attachments.maxBytes, 20 * 1024 * 1024);
  assert.equal(attachments.maxFiles, 10);
  assert.deepEqual(attachments.blockedExtensions, DEFAULT_BLOCKED_EXTENSIONS);
  for (const extension of ['exe', 'bat', 'cmd', 'com', 'msi', 'scr', 'ps1', 'vbs', 'js', 'jar', 'sh', 'dll', 'apk', 'app']) {
    assert.ok(attachments.blockedExtensions.includes(extension), extension);
  }
});

test('attachments: each setting is read and checked', () => {
  const { attachments } = parseConfig({ SESSION_SECRET: SECRET, ATTACHMENT_MAX_BYTES: '1048576', ATTACHMENT_MAX_FILES: '3', ATTACHMENT_BLOCKED_EXTENSIONS: '.zip, iso' });
  assert.deepEqual(attachments, { maxBytes: 1_048_576, maxFiles: 3, blockedExtensions: ['zip', 'iso'] });
  assert.deepEqual(parseConfig({ SESSION_SECRET: SECRET, ATTACHMENT_BLOCKED_EXTENSIONS: 'none' }).attachments.blockedExtensions, []);
  for (const [name, bad] of [
    ['ATTACHMENT_MAX_BYTES', '0'],
    ['ATTACHMENT_MAX_BYTES', '20MB'],
    ['ATTACHMENT_MAX_BYTES', String(2 * 1024 ** 3)],
    ['ATTACHMENT_MAX_FILES', '0'],
    ['ATTACHMENT_MAX_FILES', '51'],
    ['ATTACHMENT_BLOCKED_EXTENSIONS', 'exe;bat'],
  ] as const) {
    assert.equal(configProblems({ SESSION_SECRET: SECRET, [name]: bad })[0]?.split(' ')[0], name, `${name}=${bad}`);
  }
});
