import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

/**
 * End-to-end tests run against the real production build and the real store, in a fresh data directory.
 * The config is evaluated in the runner and again in each worker: the port and directory are chosen once and
 * passed on through the environment.
 */
function freePort(): number {
  // Synchronous: ask a child process for a port the OS considers free.
  const script = "const s=require('net').createServer();s.listen(0,()=>{console.log(s.address().port);s.close()})";
  return Number(execSync(`node -e "${script}"`).toString().trim());
}

process.env.E2E_PORT ??= String(freePort());
process.env.E2E_DATA_DIR ??= `.e2e/data-${Date.now()}`;
const port = Number(process.env.E2E_PORT);

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  // The headless shell is what Playwright itself runs headless: measured here, the suite took 5.9 min on it against
  // 8.2 min on the full browser (docs/performance.md, 2026-12-07), the browser being most of the suite's CPU.
  if (existsSync("/usr/bin/chromium-headless-shell")) return "/usr/bin/chromium-headless-shell";
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined; // Playwright's own browser (`npx playwright install chromium` where the internet is reachable)
}

const browser = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: chromiumPath(),
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
};

const LONGEST_FILES = ["two-servers", "scenario-authoring", "sign-in-and-store", "quiz-authoring"].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: "tests/e2e",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  // Files run in parallel, a file's tests in order. Four workers on two cores: a test spends much of its time waiting
  // on the server or the browser, so two left the cores idle (9.9 min against 8.2 min, same browser).
  fullyParallel: false,
  workers: 4,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // Generous: the machine is shared (2 cores); a test fails on what it checks, not on a busy neighbour.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    // A failed test keeps its actions, network and console, and a screenshot of the page as it failed. Not the DOM
    // snapshots and screencast of a full trace: recording them for every test cost the suite a fifth of its CPU
    // (5.3 min against 4.2 min here, docs/performance.md); `--trace on` records them when a failure needs them.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: false, sources: false },
    screenshot: "only-on-failure",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  },
  // Two projects of one browser, only to order the files: the longest (their own servers, the load tests) start
  // first. In alphabetical order they started last and ran on while the other workers had nothing left to do.
  projects: [
    { name: "chromium-longest", testMatch: LONGEST_FILES, use: browser },
    { name: "chromium", testIgnore: LONGEST_FILES, use: browser },
  ],
  webServer: {
    command: "npm run build --silent && node build/server.js",
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: process.env.E2E_DATA_DIR,
      SEED_DEMO: "1",
      TEST_CLOCK: "1",
      SESSION_SECRET: "e2e-session-secret-not-for-production",
      NODE_ENV: "production",
    },
  },
});
