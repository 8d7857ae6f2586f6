// `npm run test:e2e`: the Playwright suite against the production build. Uses Debian's
// Chromium when installed (playwright.config.ts); elsewhere, e.g. on a laptop, it installs
// Playwright's own Chromium first.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function ensureBrowser(): void {
  if (SYSTEM_CHROMIUM.some((p) => existsSync(p)) || existsSync(chromium.executablePath())) return;
  console.log("No system Chromium found: installing Playwright's Chromium (one time).");
  const install = spawnSync("node_modules/.bin/playwright", ["install", "chromium"], { stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

ensureBrowser();
const run = spawnSync("node_modules/.bin/playwright", ["test", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(run.status ?? 1);
