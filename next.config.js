// next-intl without locale routing: the request's language is decided in lib/i18n/request.ts.
// This config is CommonJS (Next loads it with require), so the plugin comes in the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createNextIntlPlugin = require('next-intl/plugin');
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The portal never needs to advertise its framework.
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  // Lets two builds live side by side (e.g. parallel test runs); `npm start` and CI use `.next`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

module.exports = withNextIntl(nextConfig);
