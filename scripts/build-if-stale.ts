// The production build, made again when the sources are newer than it: `npm run lab`,
// `npm run test:e2e`, `npm run screenshots` and `npm run bench` run the app as `npm start`
// does, and must show, test and measure the code as it is now.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ExpectedError, PROJECT_ROOT } from "./prisma-cli";

// What the build is made of: a change to any of these makes it build again.
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "prisma/seed.ts",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "public",
  "package-lock.json",
];

export function buildIfStale(): void {
  const buildId = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestInput()) return;
  console.log("Building the bank (the sources changed since the last build)…");
  const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new ExpectedError("The build failed; see above.");
}

function newestInput(): number {
  let newest = 0;
  for (const input of BUILD_INPUTS) {
    const full = path.join(PROJECT_ROOT, input);
    if (!existsSync(full)) continue;
    const files = statSync(full).isDirectory()
      ? readdirSync(full, { recursive: true }).map((f) => path.join(full, String(f)))
      : [full];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}
