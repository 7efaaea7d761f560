import { defineConfig } from "@playwright/test";

/** Browser tests run in Debian's Chromium against the whole stack started by tests/e2e/setup.ts. */
export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.e2e.ts",
  globalSetup: "./tests/e2e/setup.ts",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Specs wait on what the product guarantees, never on time; these bounds only end a test that
  // would otherwise hang, and are wide enough for a machine busy with other work (two CPU hogs
  // beside the suite on two cores).
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON ?? "test-results/e2e.json" }]],
  use: {
    baseURL: process.env.PARLEY_E2E_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
