import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { CcSchema, MAX_CCS, splitCcs } from '../cc-input';
import { readFieldIssue } from '../field-issue';

const issues = (raw: string) => {
  const parsed = CcSchema.safeParse(raw);
  return parsed.success ? [] : z.flattenError(parsed.error).formErrors.map(readFieldIssue);
};

test('addresses separated by commas, semicolons, spaces or lines; the same one twice (any case) is one; empty is none', () => {
  assert.deepEqual(splitCcs(' bob@example.com,  carol@example.com;\nBOB@example.com dan@example.com '), ['bob@example.com', 'carol@example.com', 'dan@example.com']);
  assert.deepEqual(CcSchema.parse(''), []);
  assert.deepEqual(CcSchema.parse(' , ; '), []);
});

test('a bad address is named in the complaint (the first one), cut to 80 characters', () => {
  assert.deepEqual(issues('bob@example.com, not-an-address, also bad'), [{ code: 'ccInvalid', params: { address: 'not-an-address' } }]);
  assert.deepEqual(issues(`${'x'.repeat(300)}@example.com`)[0]?.params['address'], 'x'.repeat(80));
  assert.equal(issues('bob@example').length, 1);
});

test(`at most ${MAX_CCS} people, saying how many there are`, () => {
  const many = Array.from({ length: MAX_CCS + 1 }, (_, i) => `p${i}@example.com`).join(', ');
  assert.deepEqual(issues(many), [{ code: 'ccTooMany', params: { max: MAX_CCS, count: MAX_CCS + 1 } }]);
  assert.equal(CcSchema.parse(Array.from({ length: MAX_CCS }, (_, i) => `p${i}@example.com`).join(' ')).length, MAX_CCS);
});
