import type { NextConfig } from "next";
import { configuredAppUrl } from "./lib/http/app-origin";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const appUrl = configuredAppUrl();

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A separate build directory lets several builds (e.g. a benchmark and the browser tests) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg"],
  experimental: {
    // The proxy sees request bodies; a larger one is cut here instead of being buffered in full.
    proxyClientMaxBodySize: "1mb",
    serverActions: {
      // Server actions carry form fields (notes of at most 4,000 characters), never files.
      bodySizeLimit: "256kb",
      // Only the configured public host passes Next's own origin check, whatever X-Forwarded-Host says.
      allowedOrigins: appUrl ? [appUrl.host] : [],
    },
  },
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
