import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestTitle } from '../../../app/requests/request-title';

// Moved with the title itself from the help desk door (lib/helpdesk) to the UI that shows it.
test('subject, else first description line cut to 80 characters, else the number', () => {
  const title = (subject: string | null, description: string, id: string) => requestTitle({ subject, description, id }, (n) => `Request #${n}`);
  assert.equal(title('  Printer  ', 'x', '1'), 'Printer');
  assert.equal(title(null, '\r\n  \r\nHello there\r\nmore', '1'), 'Hello there');
  assert.equal(title(null, ' \n\t\n', '42'), 'Request #42');
  assert.equal(title('   ', '\n\nFirst line  \nsecond', '1'), 'First line');
  const long = title(null, 'word '.repeat(40), '1');
  assert.equal(Array.from(long).length, 80);
  assert.ok(long.endsWith('…'));
  const emoji = title(null, '😀'.repeat(100), '1');
  assert.equal(emoji, `${'😀'.repeat(79)}…`);
  assert.equal(title(null, 'x'.repeat(80), '1'), 'x'.repeat(80));
});
