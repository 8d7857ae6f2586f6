// `npm run bench`: the session hot path and the password hash, measured on real databases.
// Each database runs in its own process (the app's Prisma client is chosen once per process
// by DATABASE_URL). Goals and recorded results: docs/benchmarks.md.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { pgConnectionConfig, quoteIdent } from "../lib/database-url";

const ITERATIONS = 2000;
const POSTGRES_URL = `postgresql://postgres@127.0.0.1:5432/vaultline_bench_${process.pid}`;

type Stats = { p50: number; p95: number; perSecond: number };

function stats(samplesMs: number[]): Stats {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const total = samplesMs.reduce((sum, s) => sum + s, 0);
  return { p50: at(0.5), p95: at(0.95), perSecond: Math.round((samplesMs.length / total) * 1000) };
}

async function time(fn: () => Promise<unknown>, iterations: number): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return stats(samples);
}

/** Child process: DATABASE_URL is already set, so the app's modules bind to that database. */
async function measure(): Promise<void> {
  const { setupDatabase } = await import("./db-setup");
  await setupDatabase(process.env.DATABASE_URL!, { force: true });
  const { db } = await import("../lib/db");
  const { generateSessionToken, hashToken } = await import("../lib/session/tokens");
  const { createSession } = await import("../lib/session/store");
  const { validateSessionToken } = await import("../lib/session/validate");
  const { verifyPassword } = await import("../lib/auth/password");

  const user = await db.user.findUniqueOrThrow({ where: { email: "alice@vaultline.test" } });
  const token = generateSessionToken();
  const request = { ip: "127.0.0.1", userAgent: "bench" };
  await createSession({ userId: user.id, tokenHash: hashToken(token), clientType: "web", request, now: new Date() });
  const options = { now: new Date(), background: true, request, client: "web" as const };

  const results = {
    "validate session (read only)": await time(() => validateSessionToken(token, "medium", { ...options, now: new Date() }), ITERATIONS),
    "generate + hash token": await time(async () => hashToken(generateSessionToken()), ITERATIONS),
    "bcrypt compare (cost 12)": await time(() => verifyPassword("alice-demo-pass-1", user.passwordHash), 5),
  };
  await db.$disconnect();
  console.log(JSON.stringify(results));
}

function runChild(label: string, url: string): void {
  const child = spawnSync(process.execPath, ["--import", "tsx", __filename, "--measure"], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production" },
    encoding: "utf8",
  });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !line.startsWith("{")) {
    console.log(`${label}: skipped (${(child.stderr.trim().split("\n").at(-1) ?? "failed").slice(0, 120)})`);
    return;
  }
  console.log(`\n${label}`);
  for (const [name, s] of Object.entries(JSON.parse(line) as Record<string, Stats>)) {
    console.log(`  ${name.padEnd(30)} p50 ${s.p50.toFixed(3)} ms   p95 ${s.p95.toFixed(3)} ms   ${s.perSecond}/s`);
  }
}

async function dropPostgres(): Promise<void> {
  const config = pgConnectionConfig(POSTGRES_URL);
  const admin = new pg.Client({ ...config, database: "postgres" });
  await admin.connect().then(
    () => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`),
    () => undefined,
  );
  await admin.end().catch(() => undefined);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vaultline-bench-"));
  console.log(`Vaultline bench: ${ITERATIONS} iterations per operation (bcrypt: 5) on ${os.cpus().length} cores`);
  runChild("SQLite (embedded)", `file:${path.join(dir, "bench.db")}`);
  runChild("PostgreSQL (127.0.0.1:5432)", POSTGRES_URL);
  rmSync(dir, { recursive: true, force: true });
  await dropPostgres();
}

if (process.argv.includes("--measure")) void measure();
else void main();
