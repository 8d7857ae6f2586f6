// Which Chromium the suite (and `npm run screenshots`) drives: the system's (Debian's package)
// where installed, else Playwright's own. Debian's headless shell first: Chromium's old headless
// mode, which Playwright's own headless runs use too. The full browser's new headless mode
// renders the same pages with about twice the CPU, and the suite is CPU-bound. E2E_BROWSER=playwright picks Playwright's own even
// where a system Chromium exists, as CI on GitHub does, so its runs match an adopter's laptop.
import { existsSync } from "node:fs";

const SYSTEM_PATHS = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The system Chromium's path, or undefined for Playwright's own. */
export function systemChromium(): string | undefined {
  if (process.env.E2E_BROWSER === "playwright") return undefined;
  return SYSTEM_PATHS.find((p) => existsSync(p));
}
