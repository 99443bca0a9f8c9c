import fs from "node:fs";
import { defineConfig, devices, chromium } from "@playwright/test";

const PORT = process.env.E2E_PORT ?? "3100";

/** Debian's Chromium (or CHROMIUM_PATH) first, Playwright's own browser second, else a clear instruction. */
function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined; // Playwright's bundled browser
  } catch {
    // not installed
  }
  throw new Error(
    "No Chromium found for the browser tests. Install Debian's Chromium (sudo apt-get install -y chromium), " +
      "or set CHROMIUM_PATH to a Chromium binary, or run `npx playwright install chromium` where downloads are allowed.",
  );
}

// E2E_SMOKE=1 runs only the short smoke walk (used against PostgreSQL by npm run test:pg); the full suite
// runs everything else.
const SMOKE = process.env.E2E_SMOKE === "1";

export default defineConfig({
  testDir: "./e2e",
  ...(SMOKE ? { testMatch: "smoke.spec.ts" } : { testIgnore: "smoke.spec.ts" }),
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `http://localhost:${PORT}/login`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: PORT },
  },
});
