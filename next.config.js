/** @type {import('next').NextConfig} */
const nextConfig = {
  // The portal never needs to advertise its framework.
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  // Lets two builds live side by side (e.g. parallel test runs); `npm start` and CI use `.next`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

module.exports = nextConfig;
