// `npm test`'s own clock: `pretest` starts it, `posttest` (after a passing run) records how long
// the whole run took in .e2e/last-test.json, which `npm run bench` reports as npm_test_s.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./prisma-cli";

const DIR = path.join(PROJECT_ROOT, ".e2e");
const STARTED = path.join(DIR, "test-started.json");
export const LAST_TEST_RECORD = path.join(DIR, "last-test.json");

function start(): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(STARTED, JSON.stringify({ startedAt: Date.now() }));
}

function stop(): void {
  const { startedAt } = JSON.parse(readFileSync(STARTED, "utf8")) as { startedAt: number };
  const wallSeconds = (Date.now() - startedAt) / 1000;
  writeFileSync(LAST_TEST_RECORD, `${JSON.stringify({ wallSeconds, finishedAt: new Date().toISOString() })}\n`);
  rmSync(STARTED, { force: true });
  console.log(`npm test took ${Math.round(wallSeconds)} s (recorded for npm run bench).`);
}

if (require.main === module) {
  const command = process.argv[2];
  if (command === "start") start();
  else if (command === "stop") stop();
  else {
    console.error("usage: tsx scripts/test-clock.ts start|stop");
    process.exit(2);
  }
}
