// `npm run test:e2e`: the Playwright suite against the production build. Uses Debian's
// Chromium when installed (playwright.config.ts); elsewhere, e.g. on a laptop, it installs
// Playwright's own Chromium first.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { systemChromium } from "../e2e/support/browser";

function ensureBrowser(): void {
  if (systemChromium() || existsSync(chromium.executablePath())) return;
  console.log("No system Chromium found: installing Playwright's Chromium (one time).");
  const install = spawnSync("node_modules/.bin/playwright", ["install", "chromium"], { stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

ensureBrowser();
const started = Date.now();
const run = spawnSync("node_modules/.bin/playwright", ["test", ...process.argv.slice(2)], { stdio: "inherit" });
// For `npm run bench` (e2e_wall_s): how long the whole suite took here, after the build.
if (process.argv.length === 2) {
  mkdirSync(".e2e", { recursive: true });
  writeFileSync(
    ".e2e/last-run.json",
    `${JSON.stringify({ wallSeconds: (Date.now() - started) / 1000, passed: run.status === 0 })}\n`,
  );
}
process.exit(run.status ?? 1);
