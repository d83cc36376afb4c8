/** @type {import('next').NextConfig} */
const nextConfig = {
  // The portal never needs to advertise its framework.
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
};

module.exports = nextConfig;
