// `npm run bench`: are database sessions as cheap as JWTs? Measures, on real SQLite and real
// PostgreSQL (throwaway databases) and the production build:
//   1. session validation in one process against next-auth's decode of a session JWT;
//   2. over HTTP, the same server with and without a session, and its peak memory;
//   3. how often sessions write, and that the status poll never does;
//   4. validation with 1,000,000 session rows against 1,000, and the cleanup beside live traffic;
//   5. signed-in users' pages while 20 users sign in at once (bcrypt cost 12), and other users'
//      sign-ins while one user floods correct step-ups (fair hashing);
//   6. the e2e suite's last wall time (scripts/e2e.ts records it).
// Prints one table with the goals and writes flat keys to bench/results.json. `--smoke` runs
// tiny sizes (part of `npm test`: every figure is produced) into bench/smoke-results.json.
// Goals and a recorded run: docs/benchmarks.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pgConnectionConfig, quoteIdent } from "../lib/database-url";
import { runOnMaintenanceDb } from "../prisma/cli-adapters";
import { buildIfStale } from "./build-if-stale";
import { setupDatabase } from "./db-setup";
import { cleanupBesideTraffic, requestOverhead, sessionWrites, signInBurst, type Sizes } from "./bench/http";
import { hashFlood } from "./bench/hash-flood";
import { fillWithExpiredSessions } from "./bench/rows";
import { startBenchServer } from "./bench/servers";
import { LAST_TEST_RECORD } from "./test-clock";
import { PROJECT_ROOT } from "./prisma-cli";
import { testPostgresUrl } from "./test-postgres";

const SMOKE = process.argv.includes("--smoke");
const SIZES: Sizes & { iterations: number; scaleRows: number } = SMOKE
  ? { iterations: 300, loadMs: 1500, writesMs: 3000, writesRequests: 300, sessions: 20, signIns: 4, scaleRows: 10_000 }
  : {
      iterations: 3000,
      loadMs: 10_000,
      writesMs: 65_000,
      writesRequests: 10_000,
      sessions: 100,
      signIns: 20,
      scaleRows: 1_000_000,
    };
const PORT = Number(process.env.BENCH_PORT ?? 3950);
const POSTGRES_URL = testPostgresUrl(`vaultline_bench_${process.pid}`);

type Goal = { key: string; holds: (value: number) => boolean; says: string };

const GOALS: Goal[] = [
  { key: "validate_sqlite_vs_jwt", holds: (v) => v <= 1.0, says: "≤ 1.0" },
  { key: "validate_pg_vs_jwt", holds: (v) => v <= 3.0, says: "≤ 3.0" },
  { key: "http_api_auth_vs_anon", holds: (v) => v >= 0.85, says: "≥ 0.85" },
  { key: "http_page_auth_vs_public", holds: (v) => v >= 0.85, says: "≥ 0.85" },
  { key: "peak_rss_mb", holds: (v) => v < 350, says: "< 350" },
  { key: "writes_per_session_minute", holds: (v) => v <= 1.1, says: "≤ 1.1" },
  { key: "status_poll_writes", holds: (v) => v === 0, says: "= 0" },
  { key: "scale_1m_vs_1k", holds: (v) => v <= 1.2, says: "≤ 1.2" },
  { key: "cleanup_p99_ratio", holds: (v) => v <= 2, says: "≤ 2" },
  { key: "signin_load_dashboard_p99_ms", holds: (v) => v < 100, says: "< 100" },
  { key: "hash_flood_signin_p99_ratio", holds: (v) => v <= 2, says: "≤ 2" },
  { key: "e2e_wall_s", holds: (v) => v <= 240, says: "≤ 240" },
  { key: "npm_test_s", holds: (v) => v <= 480, says: "≤ 480" },
];

/** Figures recorded by runs, not measured by the bench itself: absent until such a run happened here. */
const RECORDED = ["e2e_wall_s", "npm_test_s"];

/** Runs scripts/bench/validation-child.ts on one database; its p50s in microseconds. */
function validationFigures(databaseUrl: string): { validate: number; jwt: number; prismaLookup: number } {
  const child = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/bench/validation-child.ts"],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: "production",
        BENCH_ITERATIONS: String(SIZES.iterations),
      },
      encoding: "utf8",
    },
  );
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !line.startsWith("{"))
    throw new Error(`validation on ${databaseUrl.split(":")[0]} failed: ${child.stderr.trim()}`);
  const figures = JSON.parse(line) as Record<"validate" | "jwt" | "prismaLookup", { p50: number }>;
  return { validate: figures.validate.p50, jwt: figures.jwt.p50, prismaLookup: figures.prismaLookup.p50 };
}

/**
 * A wall time a run recorded here (null when none did): the whole browser suite's
 * (scripts/e2e.ts) or the whole of `npm test`'s (scripts/test-clock.ts).
 */
function recordedWallSeconds(record: string): number | null {
  return existsSync(record) ? (JSON.parse(readFileSync(record, "utf8")) as { wallSeconds: number }).wallSeconds : null;
}

async function onSqlite(dir: string): Promise<Record<string, number>> {
  const url = `file:${path.join(dir, "validation.db")}`;
  await setupDatabase(url, { force: true });
  const sqlite = validationFigures(url);
  const server = await startBenchServer(`file:${path.join(dir, "http.db")}`, PORT);
  try {
    return {
      validate_sqlite_p50_us: sqlite.validate,
      prisma_lookup_sqlite_p50_us: sqlite.prismaLookup,
      jwt_decode_sqlite_p50_us: sqlite.jwt,
      validate_sqlite_vs_jwt: sqlite.validate / sqlite.jwt,
      ...(await requestOverhead(server, SIZES)),
      ...(await signInBurst(server, SIZES)),
      ...(await hashFlood(server, SIZES)),
    };
  } finally {
    await server.stop();
  }
}

async function onPostgres(): Promise<Record<string, number>> {
  const server = await startBenchServer(POSTGRES_URL, PORT + 1);
  try {
    const writes = await sessionWrites(server, POSTGRES_URL, SIZES);
    await fillWithExpiredSessions(POSTGRES_URL, 1000);
    const small = validationFigures(POSTGRES_URL);
    await fillWithExpiredSessions(POSTGRES_URL, SIZES.scaleRows);
    const large = validationFigures(POSTGRES_URL);
    return {
      validate_pg_p50_us: small.validate,
      prisma_lookup_pg_p50_us: small.prismaLookup,
      jwt_decode_pg_p50_us: small.jwt,
      validate_pg_vs_jwt: small.validate / small.jwt,
      ...writes,
      scale_rows: SIZES.scaleRows,
      scale_1k_p50_us: small.validate,
      scale_1m_p50_us: large.validate,
      scale_1m_vs_1k: large.validate / small.validate,
      ...(await cleanupBesideTraffic(server, POSTGRES_URL, SIZES)),
    };
  } finally {
    await server.stop();
    const config = pgConnectionConfig(POSTGRES_URL);
    await runOnMaintenanceDb(config, `DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`);
  }
}

function report(results: Record<string, number | string | null>): void {
  console.log("\nkey".padEnd(36) + "value".padStart(14) + "   goal");
  for (const [key, value] of Object.entries(results)) {
    const goal = GOALS.find((g) => g.key === key);
    const verdict = goal ? `${goal.says} ${typeof value === "number" && goal.holds(value) ? "met" : "NOT met"}` : "";
    const shown = typeof value === "number" ? String(Number(value.toFixed(value < 10 ? 3 : 1))) : String(value);
    console.log(key.padEnd(35) + shown.padStart(14) + `   ${verdict}`);
  }
}

async function main(): Promise<void> {
  // The code as it is now, as `npm run lab` and `npm run screenshots` run it.
  buildIfStale();
  // In .e2e/, with the tests' throwaway databases: Vaultline's own, wherever the clone sits.
  mkdirSync(path.join(PROJECT_ROOT, ".e2e"), { recursive: true });
  const dir = mkdtempSync(path.join(PROJECT_ROOT, ".e2e", "bench-"));
  try {
    const results = {
      machine_cpu: os.cpus()[0]?.model ?? "unknown",
      machine_cores: os.availableParallelism(),
      machine_node: process.version,
      smoke: SMOKE ? 1 : 0,
      ...(await onSqlite(dir)),
      ...(await onPostgres()),
      e2e_wall_s: recordedWallSeconds(path.join(PROJECT_ROOT, ".e2e", "last-run.json")),
      npm_test_s: recordedWallSeconds(LAST_TEST_RECORD),
    };
    report(results);
    const missing = GOALS.filter(
      (g) => !RECORDED.includes(g.key) && !Number.isFinite(results[g.key as keyof typeof results]),
    );
    if (missing.length > 0) throw new Error(`no figure for ${missing.map((g) => g.key).join(", ")}`);
    mkdirSync(path.join(PROJECT_ROOT, "bench"), { recursive: true });
    const file = path.join(PROJECT_ROOT, "bench", SMOKE ? "smoke-results.json" : "results.json");
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `\nWritten to ${path.relative(PROJECT_ROOT, file)}${SMOKE ? " (smoke sizes: the figures say nothing about speed)" : ""}.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
