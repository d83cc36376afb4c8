import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../config';

/** What `parseConfig` says is wrong with `env`: it must refuse it with a ConfigError. */
export function configProblems(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /Portico cannot start/);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}
