import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HelpdeskTimeoutError, HelpdeskValidationError } from '../../helpdesk/errors';
import { captureLogs } from '../../platform/log';
import { logUnfinishedWrite } from '../write-outcome-log';

test('an unfinished write is one line: warn for failures, info for a refusal of the text, never the text', async () => {
  const lines: string[] = [];
  const restore = captureLogs(lines);
  try {
    await logUnfinishedWrite('reply', { kind: 'failed', error: new HelpdeskTimeoutError('help desk did not answer within 10000 ms'), unsure: true });
    await logUnfinishedWrite('request', { kind: 'failed', error: new HelpdeskValidationError(['Description: is too long, my secret words']), unsure: false });
    await logUnfinishedWrite('request', { kind: 'settling' });
  } finally {
    restore();
  }
  const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(
    logged.map(({ level, event, what, outcome, code, unsure }) => ({ level, event, what, outcome, code, unsure })),
    [
      { level: 'warn', event: 'write_not_done', what: 'reply', outcome: 'failed', code: 'timeout', unsure: true },
      { level: 'info', event: 'write_not_done', what: 'request', outcome: 'failed', code: 'validation', unsure: false },
      { level: 'warn', event: 'write_not_done', what: 'request', outcome: 'settling', code: undefined, unsure: undefined },
    ],
  );
  assert.ok(logged.every((line) => typeof line.requestId === 'string'));
  assert.ok(!lines.join('').includes('secret words'));
});
