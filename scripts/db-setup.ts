// Owns `npm run db:setup` and `setupDatabase(url)`: creates the database named by DATABASE_URL
// if missing (SQLite file or PostgreSQL database), applies the migrations, then seeds the demo
// data. Idempotent. Used by the e2e server launcher and the dev setup, in-process or via the CLI.
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import {
  databaseKind,
  isLocalHost,
  pgConnectionConfig,
  quoteIdent,
  redactUrl,
  resolveDatabaseUrl,
  sqlitePath,
} from "../lib/database-url";
import { loadEnvFiles } from "../lib/env-files";
import { seedDatabase } from "../prisma/seed";
import { ExpectedError, PROJECT_ROOT, runMain, runPrisma } from "./prisma-cli";

export interface SetupOptions {
  /** Seed even a production-looking database (`--force` / SEED_FORCE=1 on the command line). */
  force?: boolean;
  /** bcrypt's cost for the demo users: the server's (PASSWORD_HASH_COST) unless a test server says. */
  passwordHashCost?: number;
}

export async function setupDatabase(url: string = resolveDatabaseUrl(), options: SetupOptions = {}): Promise<void> {
  const target = absoluteSqliteUrl(url);
  if (!options.force) refuseProductionSeed(target);
  await ensureDatabaseExists(target);
  runPrisma(["migrate", "deploy"], target);
  // Imported on use: loading lib/db builds the app's client from DATABASE_URL, so a bad URL
  // would otherwise fail at import time, before it could be reported in one line.
  const { createDb } = await import("../lib/db");
  const db = createDb(target);
  try {
    await seedDatabase(db, { passwordHashCost: options.passwordHashCost });
  } finally {
    await db.$disconnect();
  }
}

// The CLI runs from the project root while createDb resolves against the current directory:
// an absolute path makes both open the same file.
function absoluteSqliteUrl(url: string): string {
  return databaseKind(url) === "sqlite" ? `file:${path.resolve(sqlitePath(url))}` : url;
}

/** Demo users with known passwords must never reach a real deployment by accident. */
export function refuseProductionSeed(url: string, env: { NODE_ENV?: string } = process.env): void {
  const reason =
    env.NODE_ENV === "production"
      ? "NODE_ENV=production"
      : databaseKind(url) === "postgres" && !isLocalHost(pgConnectionConfig(url).host)
        ? `the database host "${pgConnectionConfig(url).host}" is not local`
        : null;
  if (reason) {
    throw new ExpectedError(
      `Refusing to seed demo users into ${redactUrl(url)} (${reason}). Re-run with --force or SEED_FORCE=1 if you mean it.`,
    );
  }
}

async function ensureDatabaseExists(url: string): Promise<void> {
  if (databaseKind(url) === "sqlite") {
    // migrate deploy creates the file, but not its directory.
    mkdirSync(path.dirname(sqlitePath(url)), { recursive: true });
    return;
  }
  const config = pgConnectionConfig(url);
  const client = new pg.Client({ ...config, database: "postgres" });
  try {
    await client.connect();
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [config.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(config.database)}`);
  } catch (error) {
    throw new ExpectedError(`Cannot prepare PostgreSQL database ${redactUrl(url)}: ${(error as Error).message}`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  loadEnvFiles(PROJECT_ROOT);
  const url = resolveDatabaseUrl();
  const force = process.argv.includes("--force") || process.env.SEED_FORCE === "1";
  const started = Date.now();
  await setupDatabase(url, { force });
  console.log(`Database ready: ${redactUrl(url)} (migrated and seeded in ${Date.now() - started} ms)`);
}

if (require.main === module) runMain(main);
