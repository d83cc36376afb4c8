import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DRAFT_MAX_AGE_MS, draftKey, draftMatches, readDraft, removeDraft, writeDraft } from '../draft-key';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

test('drafts are kept per requester and per form', () => {
  assert.notEqual(draftKey('1', 'new-request'), draftKey('2', 'new-request'));
  assert.notEqual(draftKey('1', 'reply:5'), draftKey('1', 'reply:6'));
  assert.notEqual(draftKey('1', 'reply:5'), draftKey('1', 'new-request'));
});

test('write, read, and an all-blank form removes the draft', () => {
  const storage = new MemoryStorage();
  const key = draftKey('1', 'new-request');
  writeDraft(storage, key, { subject: 'Printer', description: 'Jams\nagain' }, 'token-1', 1_000);
  assert.deepEqual(readDraft(storage, key, 2_000), { savedAt: 1_000, fields: { subject: 'Printer', description: 'Jams\nagain' }, token: 'token-1' });
  writeDraft(storage, key, { subject: '  ', description: '' }, 'token-1', 3_000);
  assert.equal(readDraft(storage, key, 4_000), null);
});

test('old drafts and junk are dropped, and a broken storage never throws', () => {
  const storage = new MemoryStorage();
  const key = draftKey('1', 'reply:9');
  writeDraft(storage, key, { body: 'hello' }, undefined, 0);
  assert.equal(readDraft(storage, key, DRAFT_MAX_AGE_MS + 1), null);
  assert.equal(storage.getItem(key), null);
  storage.setItem(key, '{not json');
  assert.equal(readDraft(storage, key), null);
  const broken = new MemoryStorage();
  broken.setItem = () => {
    throw new Error('QuotaExceededError');
  };
  broken.getItem = () => {
    throw new Error('SecurityError');
  };
  assert.doesNotThrow(() => writeDraft(broken, key, { body: 'x' }));
  assert.equal(readDraft(broken, key), null);
  assert.doesNotThrow(() => removeDraft(broken, key));
});

test('a draft matches the accepted text despite line endings and surrounding blanks, and only that text', () => {
  const draft = { savedAt: 0, fields: { subject: ' Printer ', description: 'Jams\r\nagain\n' } };
  assert.equal(draftMatches(draft, { subject: 'Printer', description: 'Jams\nagain' }), true);
  assert.equal(draftMatches(draft, { subject: 'Printer', description: 'Jams again' }), false);
  assert.equal(draftMatches(draft, {}), false);
});
