// Reading SANDBOX_* variables: defaults, and refusals that name the variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, readConfig } from '../config';

describe('readConfig', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(readConfig({}), {
      dbPath: '.data/sandbox.db',
      port: 4080,
      host: '127.0.0.1',
      adminEmail: 'admin@example.com',
      adminPassword: 'admin-password',
      demo: true,
      logger: false,
      rateLimit: 700,
      apiToken: undefined,
      oauthToken: undefined,
      maxUploadBytes: 20 * 1024 * 1024,
      smtpPort: 4085,
    });
  });

  it('reads every variable', () => {
    const c = readConfig({
      SANDBOX_DB: ':memory:', SANDBOX_PORT: '0', SANDBOX_HOST: '0.0.0.0', SANDBOX_ADMIN_EMAIL: 'root@corp.test',
      SANDBOX_ADMIN_PASSWORD: 's3cret', SANDBOX_DEMO: '0', SANDBOX_LOG: '1', SANDBOX_RATE_LIMIT: '5',
      SANDBOX_API_TOKEN: 'api-token-0123456789', SANDBOX_OAUTH_TOKEN: 'oauth-token-0123456789', SANDBOX_MAX_UPLOAD_BYTES: '1048576',
      SANDBOX_SMTP_PORT: '2525',
    });
    assert.deepEqual(c, {
      dbPath: ':memory:', port: 0, host: '0.0.0.0', adminEmail: 'root@corp.test', adminPassword: 's3cret', demo: false, logger: true, rateLimit: 5,
      apiToken: 'api-token-0123456789', oauthToken: 'oauth-token-0123456789', maxUploadBytes: 1048576, smtpPort: 2525,
    });
  });

  it('the mail server: 5 above the sandbox by default, a free one with port 0, none with off', () => {
    assert.equal(readConfig({ SANDBOX_PORT: '4481' }).smtpPort, 4486);
    assert.equal(readConfig({ SANDBOX_PORT: '0' }).smtpPort, 0);
    assert.equal(readConfig({ SANDBOX_SMTP_PORT: 'off' }).smtpPort, null);
    assert.throws(() => readConfig({ SANDBOX_SMTP_PORT: 'mail' }), /^Error: SANDBOX_SMTP_PORT must be a port number from 0 to 65535, or off \(got "mail"\)$/);
  });

  for (const [name, value] of [
    ['SANDBOX_PORT', 'abc'], ['SANDBOX_PORT', '70000'], ['SANDBOX_PORT', '-1'], ['SANDBOX_PORT', ''],
    ['SANDBOX_DEMO', 'yes'], ['SANDBOX_LOG', '2'], ['SANDBOX_ADMIN_EMAIL', 'admin'], ['SANDBOX_ADMIN_PASSWORD', ''],
    ['SANDBOX_DB', ' '], ['SANDBOX_HOST', ''], ['SANDBOX_RATE_LIMIT', '0'], ['SANDBOX_RATE_LIMIT', 'lots'],
    ['SANDBOX_API_TOKEN', 'short'], ['SANDBOX_OAUTH_TOKEN', 'has a space in it, too long'],
    ['SANDBOX_MAX_UPLOAD_BYTES', '0'], ['SANDBOX_MAX_UPLOAD_BYTES', '20MB'],
  ]) {
    it(`refuses ${name}=${JSON.stringify(value)} naming the variable`, () => {
      assert.throws(() => readConfig({ [name!]: value }), (err: Error) => err instanceof ConfigError && err.message.includes(name!));
    });
  }
});
