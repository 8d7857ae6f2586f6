// `npm run test:flaws`: proves every lab flaw is caught by its defense's test and shown by its
// attack, reading Playwright's JSON report rather
// than its exit code (a timeout or a crash proves nothing). For each flaw in the catalogue:
//   1. its secure spec passes against the secure server;
//   2. with only that flaw on, the spec's named test fails on an assertion (not a timeout);
//   3. each of its attack specs fails against the secure server;
//   4. with only that flaw on, each attack succeeds (no other flaw masks it);
//   5. with every flaw on, each attack still succeeds (no flaw gets in another's way).
// Prints one table row per flaw (and why for each miss), and exits non-zero on any miss.
// Needs a production build (`npm run build`). `npm run test:flaws -- fixation csrf` picks flaws.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FLAW_NAMES, type FlawName } from "../lib/lab/flaw-names";
import { FLAWS } from "../lib/lab/flaws";

type Outcome = { file: string; title: string; project: string; status: string; errors: string[] };

type JsonSuite = { file: string; specs?: JsonSpec[]; suites?: JsonSuite[] };
type JsonSpec = {
  title: string;
  file: string;
  tests: { projectName: string; status: string; results: { status: string; errors?: { message?: string }[] }[] }[];
};

const reportDir = mkdtempSync(path.join(os.tmpdir(), "vaultline-flaws-"));

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

type Check =
  "specPassesSecure" | "specFailsWithFlaw" | "attackFailsSecure" | "attackSucceedsAlone" | "attackSucceedsWithAll";

const COLUMNS: Record<Check, string> = {
  specPassesSecure: "spec passes secure",
  specFailsWithFlaw: "spec fails with flaw",
  attackFailsSecure: "attack fails secure",
  attackSucceedsAlone: "attack works, flaw alone",
  attackSucceedsWithAll: "attack works, all flaws",
};

type Row = Record<Check, string | null>;

/** Null when every run of each attack spec in `project` passed, else why not. */
function attacksPassed(results: Outcome[], project: string, attacks: readonly string[]): string | null {
  for (const attack of attacks) {
    const runs = results.filter((r) => r.project === project && r.file === attack);
    if (runs.length === 0) return `${attack} did not run`;
    const failed = runs.find((r) => r.status !== "passed");
    if (failed) return `${attack} "${failed.title}" ${failed.status}`;
  }
  return null;
}

/**
 * The project a flaw's secure spec runs in: race specs run on PostgreSQL only (on SQLite a race
 * could never fail), the rest in the secure project. Either way MUTATE_FLAWS reaches its servers.
 */
function specProject(spec: string): "secure" | "postgres" {
  return spec.startsWith("e2e/races/") ? "postgres" : "secure";
}

/** The servers a run of these projects needs started (races start their own instances). */
function serversFor(projects: string[], others: string[] = []): string {
  return [...new Set([...projects.filter((p) => p === "secure"), ...others])].join(",");
}

/** The two checks that need a server with only this flaw on. */
function checkFlawAlone(flaw: FlawName): Pick<Row, "specFailsWithFlaw" | "attackSucceedsAlone"> {
  const { spec, test, attacks } = FLAWS[flaw];
  const project = specProject(spec);
  const results = runPlaywright(flaw, [`--project=${project}`, "--project=attacks-vs-flawed", spec, ...attacks], {
    MUTATE_FLAWS: flaw,
    FLAWED_FLAWS: flaw,
    E2E_SERVERS: serversFor([project], ["flawed"]),
  });
  const named = results.find((r) => r.project === project && r.file === spec && r.title === test);
  const specFailsWithFlaw = !named
    ? `no test named "${test}" in ${spec}`
    : failedOnAssertion(named)
      ? null
      : `"${test}" did not fail on an assertion (${named.status})`;
  return { specFailsWithFlaw, attackSucceedsAlone: attacksPassed(results, "attacks-vs-flawed", attacks) };
}

function printTable(rows: [FlawName, Row][]): void {
  const checks = Object.keys(COLUMNS) as Check[];
  console.log(`| flaw | ${checks.map((c) => COLUMNS[c]).join(" | ")} |`);
  console.log(`|---|${checks.map(() => "---").join("|")}|`);
  for (const [flaw, row] of rows)
    console.log(`| ${flaw} | ${checks.map((c) => (row[c] ? "MISSED" : "ok")).join(" | ")} |`);
  for (const [flaw, row] of rows) {
    for (const check of checks) if (row[check]) console.log(`MISSED ${flaw}, ${COLUMNS[check]}: ${row[check]}`);
  }
}

function main(): void {
  const only = process.argv.slice(2);
  const flaws = only.length > 0 ? FLAW_NAMES.filter((f) => only.includes(f)) : FLAW_NAMES;
  const specs = [...new Set(flaws.map((f) => FLAWS[f].spec))];
  const attacks = [...new Set(flaws.flatMap((f) => FLAWS[f].attacks))];
  // Once for all flaws: the secure specs against the secure server, and every attack against
  // the secure server (it must fail) and the all-flaws server (it must succeed).
  const projects = [...new Set(specs.map(specProject))];
  const secure = runPlaywright("secure", [...projects.map((p) => `--project=${p}`), ...specs], {
    E2E_SERVERS: serversFor(projects),
  });
  const allFlaws = runPlaywright(
    "all-flaws",
    ["--project=attacks-vs-secure", "--project=attacks-vs-flawed", ...attacks],
    {
      E2E_SERVERS: "secure,flawed",
      FLAWED_FLAWS: "all",
    },
  );

  const rows: [FlawName, Row][] = flaws.map((flaw) => {
    const { spec, attacks: own } = FLAWS[flaw];
    // In its own project: with the postgres project selected for the races, a spec tagged
    // @postgres also runs there, on a server this run does not start.
    const runs = secure.filter((r) => r.file === spec && r.project === specProject(spec));
    const specPassesSecure =
      runs.length > 0 && runs.every((r) => r.status === "passed")
        ? null
        : `${spec} does not pass against the secure server`;
    const row: Row = {
      specPassesSecure,
      attackFailsSecure: attacksPassed(allFlaws, "attacks-vs-secure", own),
      attackSucceedsWithAll: attacksPassed(allFlaws, "attacks-vs-flawed", own),
      ...checkFlawAlone(flaw),
    };
    console.log(`${Object.values(row).some(Boolean) ? "MISSED" : "caught"} ${flaw}`);
    return [flaw, row];
  });
  printTable(rows);
  const missed = rows.filter(([, row]) => Object.values(row).some(Boolean)).length;
  console.log(`${flaws.length - missed} caught, ${missed} missed`);
  process.exit(missed > 0 ? 1 : 0);
}

main();
