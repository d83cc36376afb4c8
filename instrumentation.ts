/**
 * Runs once when the server starts: a wrong or missing setting stops start-up here, with a
 * message naming the variable, instead of failing on the first customer's page.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig, ConfigError } = await import('./lib/config');
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
}
