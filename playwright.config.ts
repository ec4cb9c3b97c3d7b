import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.PLINTH_E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// One fresh data folder per run (workers inherit the environment, so they agree on it).
process.env.PLINTH_E2E_DATA ??= join(tmpdir(), `plinth-e2e-${process.pid}-${Date.now()}`);
const data = process.env.PLINTH_E2E_DATA;

// The real `plinth serve` (built by `pnpm test:e2e`), which serves the player under /apps/.
const serve = "packages/server/bin/plinth.js serve";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    headless: true,
    screenshot: "only-on-failure",
    trace: "off",
    locale: "en-US",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
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
  webServer: {
    command: `node ${serve} --demo --demo-scale test --port ${PORT} --data ${data} --durability normal`,
    // 401 counts as "up" for Playwright; /apps/ would be 503 if the player were not built.
    url: `${BASE_URL}/api/auth/me`,
    env: { PLINTH_DEMO_PASSWORD: "demo" },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
