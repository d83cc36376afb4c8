import { ConfigError, getConfig } from './lib/config';

/**
 * A wrong or missing setting stops start-up here, with a message naming the variable, instead of
 * failing on the first customer's page.
 */
try {
  const config = getConfig();
  console.log(`[portico] Help desk: ${config.helpdeskUrl}; sign-in mode: ${config.signInMode}.`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
