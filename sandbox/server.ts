// Entry point for `npm run sandbox`: read the environment, start listening,
// print where and as whom to connect, close cleanly on SIGTERM/SIGINT.
import { buildSandbox } from './app';
import { ConfigError, readConfig, type SandboxConfig } from './config';
import { DEMO_USERS } from './demo';
import { DEMO_COLLEAGUE, DEMO_ORGANIZATION } from './demo-people';

function banner(config: SandboxConfig, url: string, filesDir: string): string {
  const lines = [
    `Portico help desk sandbox listening on ${url}`,
    `  database: ${config.dbPath}`,
    `  files:    ${filesDir} (uploads up to ${config.maxUploadBytes} bytes)`,
    `  admin:    ${config.adminEmail} / ${config.adminPassword}`,
  ];
  if (config.demo) {
    for (const u of Object.values(DEMO_USERS)) lines.push(`  ${u.roles === 0 ? 'end user' : 'agent'}: ${u.email} / ${u.password}  (${u.name})`);
    const c = DEMO_COLLEAGUE;
    lines.push(`  end user: ${c.email} / ${c.password}  (${c.name}, Bob's colleague in "${DEMO_ORGANIZATION.name}", which shares requests)`);
  }
  if (config.apiToken) lines.push(`  API token (SANDBOX_API_TOKEN): ${config.apiToken}  (Basic email/token:TOKEN)`);
  if (config.oauthToken) lines.push(`  OAuth token (SANDBOX_OAUTH_TOKEN): ${config.oauthToken}  (the admin's; read write impersonate)`);
  lines.push(`  try: curl -u alice@example.com:alice-password ${url}/requests.xml`);
  lines.push(`       curl -u alice@example.com:alice-password ${url}/api/v2/requests.json`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  let config: SandboxConfig;
  try {
    config = readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`sandbox: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const app = await buildSandbox({ ...config, demoPeople: config.demo });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(banner(config, `http://${host}:${port}`, (app as unknown as { sandboxFilesDir: string }).sandboxFilesDir));

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`sandbox: ${signal}, closing`);
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('sandbox: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
