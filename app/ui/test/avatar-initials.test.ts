import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AVATAR_COLOURS, avatarColour, initials } from '../avatar-initials';

test('initials: first and last word where letters have case, one character elsewhere', () => {
  assert.equal(initials('Ann Marie Agent', 'en'), 'AA');
  assert.equal(initials('alice', 'en'), 'A');
  assert.equal(initials('  bob   smith ', 'en'), 'BS');
  assert.equal(initials('Émile Zola', 'fr'), 'ÉZ');
  assert.equal(initials('ilse içer', 'tr'), 'İİ', 'upper case in the customer’s language');
  assert.equal(initials('山田 太郎', 'ja'), '山');
  assert.equal(initials('山田太郎', 'ja'), '山');
  assert.equal(initials('محمد علي', 'ar'), 'م');
  assert.equal(initials('Ann 山田', 'en'), 'A', 'a mixed name keeps one');
});

test('initials: whole characters, and nothing but letters and digits', () => {
  assert.equal(initials('e\u0301lodie Durand', 'fr'), 'E\u0301D', 'an accent typed as two code points stays with its letter');
  assert.equal(initials('(Bob) "the builder"', 'en'), 'BB', 'brackets and quotes are skipped');
  assert.equal(initials('😀 Smiley', 'en'), 'S');
  assert.equal(initials('---', 'en'), '');
  assert.equal(initials('', 'en'), '');
});

test('avatarColour: the same key always gets the same colour, and ids spread over all of them', () => {
  assert.equal(avatarColour('12345'), avatarColour('12345'));
  const seen = new Set<number>();
  for (let id = 1; id <= 60; id++) {
    const colour = avatarColour(String(id));
    assert.ok(Number.isInteger(colour) && colour >= 1 && colour <= AVATAR_COLOURS, String(colour));
    seen.add(colour);
  }
  assert.equal(seen.size, AVATAR_COLOURS);
});
