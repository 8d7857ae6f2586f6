// The browser suite. Secure specs (e2e/*.spec.ts) run against the secure server, and those
// tagged @postgres again on PostgreSQL. Chromium is Debian's where installed, else Playwright's
// own (e2e/support/browser.ts).
// LAB ONLY
// Attack specs (e2e/attacks/*.spec.ts) run twice, against the secure server (the attack must
// fail) and the flawed one (it must succeed).
// END LAB ONLY
import { defineConfig } from "@playwright/test";
import { systemChromium } from "./e2e/support/browser";
import { serversToStart, serverUrl, type ServerName } from "./e2e/support/servers";
// LAB ONLY
import type { Target } from "./e2e/support/fixtures";
// END LAB ONLY

/** The options the projects set (e2e/support/fixtures.ts). */
type ProjectOptions = {
  server: ServerName;
  // LAB ONLY
  target: Target;
  // END LAB ONLY
};

export default defineConfig<ProjectOptions>({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // Clears earlier runs' server logs (after the webServer entries below have started).
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    // No trace by default: recording one snapshots the page at every action, a fifth of the
    // suite's time on two cores. To see a failing spec step by step, run it again with
    // `--trace=retain-on-failure` and open the trace `npx playwright show-trace` names.
    trace: "off",
    launchOptions: {
      executablePath: systemChromium(),
      // Quiet Chromium: no background calls home, which a closed network refuses noisily.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // scale-out.spec.ts starts its own instances on PostgreSQL: it runs once, in the postgres project.
    {
      name: "secure",
      // Races run on PostgreSQL only: SQLite serialises every write, so a race there cannot fail.
      testIgnore: ["attacks/**", "races/**", "secrets-in-logs.spec.ts", "scale-out.spec.ts"],
      use: { baseURL: serverUrl("secure"), server: "secure" },
    },
    // LAB ONLY
    // After the secure specs: some of those change server-wide settings (the admin
    // single-session option) that an attack against the same server must not see mid-change.
    {
      name: "attacks-vs-secure",
      testMatch: "attacks/**/*.spec.ts",
      dependencies: ["secure"],
      use: { baseURL: serverUrl("secure"), server: "secure" },
    },
    {
      name: "attacks-vs-flawed",
      testMatch: "attacks/**/*.spec.ts",
      use: { baseURL: serverUrl("flawed"), server: "flawed", target: "flawed" },
    },
    // END LAB ONLY
    // The specs where the database's own concurrency matters (tagged @postgres), again on PostgreSQL.
    {
      name: "postgres",
      testIgnore: ["attacks/**", "secrets-in-logs.spec.ts"],
      grep: /@postgres/,
      use: { baseURL: serverUrl("postgres"), server: "postgres" },
    },
    // Last: every server's output for the whole run is searched for secrets.
    {
      name: "server-logs",
      testMatch: "secrets-in-logs.spec.ts",
      dependencies: [
        "secure",
        // LAB ONLY
        "attacks-vs-secure",
        "attacks-vs-flawed",
        // END LAB ONLY
        "postgres",
      ],
      use: { baseURL: serverUrl("secure"), server: "secure" },
    },
  ],
  webServer: serversToStart().map((name) => ({
    command: `node_modules/.bin/tsx scripts/e2e-server.ts ${name}`,
    url: `${serverUrl(name)}/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  })),
});
