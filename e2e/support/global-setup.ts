// Runs once before the suite's tests, however it was started (`npm run test:e2e`,
// `npx playwright test`, `npm run test:flaws`): clears the server logs earlier runs left in
// .e2e/logs, so e2e/secrets-in-logs.spec.ts reads this run's output only and old files do not
// pile up. Playwright (1.65) starts the webServer entries before globalSetup (its plugins are set
// up first), so the main servers have already opened their logs afresh for this run: those stay.
// Every other log of this port base is an earlier run's (the servers a spec starts come later),
// and a log nobody has written to for a day is an old run's, whatever its port base.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { serverLogPath, serverLogPaths, serversToStart } from "./servers";

const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export default function clearOldServerLogs(): void {
  const thisRun = new Set(serversToStart().map(serverLogPath));
  for (const log of serverLogPaths()) if (!thisRun.has(log)) rmSync(log, { force: true });
  const dir = path.dirname(serverLogPath("any"));
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const log = path.join(dir, name);
    if (Date.now() - statSync(log).mtimeMs > STALE_AFTER_MS) rmSync(log, { force: true });
  }
}
