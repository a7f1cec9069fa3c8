import type { NextConfig } from "next";

// No rewrites: the API address is read at run time by the /api route handler, so one build
// runs anywhere (AppHost, compose, tests) without being rebuilt.
const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The AppHost's default run is `next dev`; voters and officials must not see Next.js's
  // development badge and its menu there. Build errors still show in the overlay.
  devIndicators: false,
  // The AppHost and its tests address services by 127.0.0.1; let `next dev` serve its assets there too.
  allowedDevOrigins: ["127.0.0.1"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
