// `npm run test:teeth`: proves every defense has teeth, reading Playwright's JSON report rather
// than its exit code (a timeout or a crash proves nothing). For each flaw in the catalogue:
//   1. its secure spec passes against the secure server (checked once for all flaws first);
//   2. with only that flaw on, the spec's named test fails on an assertion (not a timeout);
//   3. with only that flaw on, each of its attack specs succeeds (no other flaw masks it).
// Prints `caught <flaw>` or `MISSED <flaw>: why`, and exits non-zero on any miss.
// Needs a production build (`npm run build`). `npm run test:teeth -- fixation csrf` picks flaws.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FLAW_NAMES, FLAWS, type FlawName } from "../lib/lab/flaws";

type Outcome = { file: string; title: string; project: string; status: string; errors: string[] };

type JsonSuite = { file: string; specs?: JsonSpec[]; suites?: JsonSuite[] };
type JsonSpec = { title: string; file: string; tests: { projectName: string; status: string; results: { status: string; errors?: { message?: string }[] }[] }[] };

const reportDir = mkdtempSync(path.join(os.tmpdir(), "vaultline-teeth-"));

/** Runs Playwright with this environment and returns every test's outcome from the JSON report. */
function runPlaywright(name: string, args: string[], env: Record<string, string>): Outcome[] {
  const report = path.join(reportDir, `${name}.json`);
  spawnSync("node_modules/.bin/playwright", ["test", "--reporter=json", "--no-deps", ...args], {
    env: { ...process.env, ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    return outcomes(JSON.parse(readFileSync(report, "utf8")).suites ?? []);
  } catch {
    return [];
  }
}

function outcomes(suites: JsonSuite[]): Outcome[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests.map((t) => {
        const last = t.results.at(-1);
        return {
          file: `e2e/${spec.file}`,
          title: spec.title,
          project: t.projectName,
          status: last?.status ?? "skipped",
          errors: (last?.errors ?? []).map((e) => stripAnsi(e.message ?? "")),
        };
      }),
    ),
    ...outcomes(suite.suites ?? []),
  ]);
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** An assertion failure (expect's message), not a timeout, a crash or a missing element wait. */
function failedOnAssertion(outcome: Outcome): boolean {
  return outcome.status === "failed" && outcome.errors.some((e) => /expect\(/.test(e) && !/Test timeout of/.test(e));
}

function checkFlaw(flaw: FlawName, securePasses: Set<string>): string | null {
  const { spec, test, attacks } = FLAWS[flaw];
  if (!securePasses.has(spec)) return `${spec} does not pass against the secure server`;
  const results = runPlaywright(flaw, ["--project=secure", "--project=attacks-vs-flawed", spec, ...attacks], {
    MUTATE_FLAWS: flaw,
    FLAWED_FLAWS: flaw,
    E2E_SERVERS: "secure,flawed",
  });
  const named = results.find((r) => r.project === "secure" && r.file === spec && r.title === test);
  if (!named) return `no test named "${test}" in ${spec}`;
  if (!failedOnAssertion(named)) return `"${test}" did not fail on an assertion with the flaw on (${named.status})`;
  for (const attack of attacks) {
    const runs = results.filter((r) => r.project === "attacks-vs-flawed" && r.file === attack);
    if (runs.length === 0) return `${attack} did not run`;
    const failed = runs.find((r) => r.status !== "passed");
    if (failed) return `${attack} "${failed.title}" did not succeed with only ${flaw} on (${failed.status})`;
  }
  return null;
}

function main(): void {
  const only = process.argv.slice(2);
  const flaws = only.length > 0 ? FLAW_NAMES.filter((f) => only.includes(f)) : FLAW_NAMES;
  const specs = [...new Set(flaws.map((f) => FLAWS[f].spec))];
  const secure = runPlaywright("secure", ["--project=secure", ...specs], { E2E_SERVERS: "secure" });
  const securePasses = new Set(specs.filter((spec) => {
    const runs = secure.filter((r) => r.file === spec);
    return runs.length > 0 && runs.every((r) => r.status === "passed");
  }));

  let missed = 0;
  for (const flaw of flaws) {
    const problem = checkFlaw(flaw, securePasses);
    if (problem) missed += 1;
    console.log(problem ? `MISSED ${flaw}: ${problem}` : `caught ${flaw}  (${FLAWS[flaw].spec}; ${FLAWS[flaw].attacks.join(", ")})`);
  }
  console.log(`${flaws.length - missed} caught, ${missed} missed`);
  process.exit(missed > 0 ? 1 : 0);
}

main();
