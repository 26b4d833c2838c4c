import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Parallel test runs may build into their own folder; normal use keeps the default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@node-rs/argon2", "pino"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "10mb" },
    // forbidden() renders app/forbidden.tsx with HTTP 403 when a role lacks a page's permission.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
