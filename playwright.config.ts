import { defineConfig } from "@playwright/test";

// Browser tests in Debian's Chromium (Playwright cannot download its own browsers here)
// against the built console, the simulator's demo organization and the local OIDC
// provider, all started by e2e/global-setup.ts. E2E_BASE_URL + E2E_DATABASE_URL point the
// specs at a stack that is already running (npm run demo -- --dev) instead.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
});
