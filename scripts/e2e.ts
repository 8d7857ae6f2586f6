// `npm run test:e2e [-- playwright arguments]`: the Playwright suite against the production
// build, made again first when the sources changed since it (as `npm run lab` does). Uses
// Debian's Chromium when installed (playwright.config.ts); elsewhere, e.g. on a laptop, it
// installs Playwright's own Chromium first.
//
// Only the servers the run needs start: Playwright lists the tests the arguments select (their
// projects, and the projects those depend on), and each project names its server. So
// `npm run test:e2e -- e2e/idle-timeout.spec.ts` starts the secure server alone, on SQLite, with
// no PostgreSQL; with no arguments every server starts. E2E_SERVERS, when set, decides instead.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import config from "../playwright.config";
import { systemChromium } from "../e2e/support/browser";
import { buildIfStale } from "./build-if-stale";

const PLAYWRIGHT = "node_modules/.bin/playwright";

function ensureBrowser(): void {
  if (systemChromium() || existsSync(chromium.executablePath())) return;
  console.log("No system Chromium found: installing Playwright's Chromium (one time).");
  const install = spawnSync(PLAYWRIGHT, ["install", "chromium"], { stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

type ListedSuite = { specs?: { tests: { projectName: string }[] }[]; suites?: ListedSuite[] };

/** The projects that have tests to run with these arguments, dependencies included. */
function projectsToRun(args: string[]): Set<string> | null {
  // The listing is read as JSON: a reporter the run asks for (`--reporter=dot`) is the run's.
  const selection = args.filter((arg, i) => !arg.startsWith("--reporter") && args[i - 1] !== "--reporter");
  const listing = spawnSync(PLAYWRIGHT, ["test", ...selection, "--list", "--reporter=json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    // The listing goes to stdout even when the run's JSON report is to go to a file.
    env: { ...process.env, E2E_SERVERS: "", PLAYWRIGHT_JSON_OUTPUT_NAME: "" },
  });
  // Arguments Playwright cannot list with: the run itself reports them.
  if (listing.status !== 0) return null;
  const projects = new Set<string>();
  const visit = (suite: ListedSuite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests) projects.add(t.projectName);
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of (JSON.parse(listing.stdout) as { suites: ListedSuite[] }).suites) visit(suite);
  return projects;
}

/** E2E_SERVERS for the run: the servers of the projects it runs (all of them with no arguments). */
function serversFor(args: string[]): string | undefined {
  if (process.env.E2E_SERVERS !== undefined || args.length === 0) return process.env.E2E_SERVERS;
  const projects = projectsToRun(args);
  if (!projects) return undefined;
  const servers = (config.projects ?? []).filter((p) => projects.has(p.name ?? "")).flatMap((p) => p.use?.server ?? []);
  return [...new Set(servers)].join(",");
}

const args = process.argv.slice(2);
buildIfStale();
ensureBrowser();
const servers = serversFor(args);
const started = Date.now();
if (servers !== undefined && args.length > 0) console.log(`Servers for this run: ${servers || "none"}.`);
const run = spawnSync(PLAYWRIGHT, ["test", ...args], {
  stdio: "inherit",
  env: servers === undefined ? process.env : { ...process.env, E2E_SERVERS: servers },
});
// For `npm run bench` (e2e_wall_s): how long the whole suite took here, after the build.
if (args.length === 0) {
  mkdirSync(".e2e", { recursive: true });
  writeFileSync(
    ".e2e/last-run.json",
    `${JSON.stringify({ wallSeconds: (Date.now() - started) / 1000, passed: run.status === 0 })}\n`,
  );
}
process.exit(run.status ?? 1);
