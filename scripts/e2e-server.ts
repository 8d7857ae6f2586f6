// Starts one e2e server: a fresh throwaway database (migrated and seeded), then the production
// build. Used by playwright.config.ts's webServer entries, and by specs that start a server of
// their own (e2e/support/direct-server.ts).
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import {
  SERVER_NAMES,
  serverDatabaseUrl,
  serverLogPath,
  serverPort,
  serverUrl,
  type ServerName,
} from "../e2e/support/servers";
// LAB ONLY
import { serverFlaws } from "../e2e/support/servers";
// END LAB ONLY
import pg from "pg";
import { PRODUCTION_HASH_COST } from "../lib/auth/password-rules";
import { databaseKind, pgConnectionConfig, quoteIdent, sqlitePath } from "../lib/database-url";
// LAB ONLY
import { newLabKey } from "../lib/lab/key";
// END LAB ONLY
import { setupDatabase } from "./db-setup";
import { PROJECT_ROOT } from "./prisma-cli";

/**
 * bcrypt's cost on the test servers: its lowest. A run hashes and checks thousands of passwords,
 * and what the specs test is the order of the checks, not bcrypt. The specs that need real
 * bcrypt time start a server at production's cost (`passwordHashCost` below), and
 * e2e/password-change.spec.ts proves such a server hashes at 12 or more.
 */
export const TEST_PASSWORD_HASH_COST = 4;

/** Every run starts from an empty, freshly migrated and seeded database. */
async function resetDatabase(url: string, passwordHashCost: number): Promise<void> {
  if (databaseKind(url) === "sqlite") {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(sqlitePath(url) + suffix, { force: true });
  } else {
    const config = pgConnectionConfig(url);
    const admin = new pg.Client({ ...config, database: "postgres" });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`);
    await admin.end();
  }
  // Throwaway test data: the demo seed is allowed whatever NODE_ENV says.
  await setupDatabase(url, { force: true, passwordHashCost });
}

export type E2eServerOptions = {
  port: number;
  /** The origin the server is reached at (NEXTAUTH_URL). */
  url: string;
  databaseUrl: string;
  // LAB ONLY
  /** LAB_FLAWS; none by default. */
  flaws?: string;
  /**
   * Lab mode (LAB_ALLOW=1, the lab console at /lab): by default only when flaws are on, so the
   * secure servers run exactly as a production deployment does.
   */
  lab?: boolean;
  /** LAB_KEY for a lab server (lab mode requires one); a fresh one by default. */
  labKey?: string;
  // END LAB ONLY
  /** More environment (a lab server's attacker site, say). */
  env?: Record<string, string>;
  /** How many proxies the server believes are in front (TRUSTED_PROXY_COUNT). */
  trustedProxyCount: number;
  stdio: StdioOptions;
  /** NEXTAUTH_SECRET; a fresh one by default. A restart keeps its server's secret, as a deployment does. */
  secret?: string;
  /** false: start on the database as it is (a restart); by default it is reset first. */
  reset?: boolean;
  /** PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST unless production's (PRODUCTION_HASH_COST) is asked for. */
  passwordHashCost?: number;
};

/** Resets the server's database (unless told not to), then starts the production build on it. */
export async function launchE2eServer(options: E2eServerOptions): Promise<ChildProcess> {
  const passwordHashCost = options.passwordHashCost ?? TEST_PASSWORD_HASH_COST;
  if (options.reset ?? true) await resetDatabase(options.databaseUrl, passwordHashCost);
  // LAB ONLY
  const flaws = options.flaws ?? "";
  const lab = options.lab ?? flaws !== "";
  // END LAB ONLY
  // The entry point adopters run (`npm start`), so the client address is decided as in production.
  return spawn(process.execPath, ["server.mjs"], {
    cwd: PROJECT_ROOT,
    stdio: options.stdio,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_URL: options.url,
      // The test servers listen on localhost over plain HTTP, as a production build tried locally.
      ALLOW_PLAIN_HTTP: "1",
      // A fresh secret per run: nothing from a test run is valid anywhere else.
      NEXTAUTH_SECRET: options.secret ?? newServerSecret(),
      TRUSTED_PROXY_COUNT: String(options.trustedProxyCount),
      PASSWORD_HASH_COST: String(passwordHashCost),
      ALLOW_WEAK_PASSWORD_HASH: passwordHashCost < PRODUCTION_HASH_COST ? "1" : "",
      // LAB ONLY
      LAB_FLAWS: flaws,
      LAB_ALLOW: lab ? "1" : "",
      LAB_KEY: lab ? (options.labKey ?? newLabKey()) : "",
      // END LAB ONLY
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
  });
}

/**
 * Keeps everything the server prints in its log file for the run (the secrets-in-logs spec reads
 * it) and still shows its errors on the console.
 */
export function captureOutput(child: ChildProcess, logPath: string, options: { append?: boolean } = {}): void {
  mkdirSync(path.dirname(logPath), { recursive: true });
  const log = createWriteStream(logPath, { flags: options.append ? "a" : "w" });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.stderr?.pipe(process.stderr, { end: false });
}

export function newServerSecret(): string {
  return randomBytes(32).toString("base64url");
}

async function main(name: ServerName) {
  const child = await launchE2eServer({
    port: serverPort(name),
    url: serverUrl(name),
    databaseUrl: serverDatabaseUrl(name),
    // LAB ONLY
    flaws: serverFlaws(name),
    // END LAB ONLY
    // The main servers run as if behind one proxy, and each test acts as that proxy: it
    // appends its own client address to X-Forwarded-For (ownAddress() in e2e/support/api.ts).
    // Every test connects from 127.0.0.1, so without this the per-address sign-in limit would
    // trip across the parallel suite. The direct deployment has its own server and spec.
    trustedProxyCount: 1,
    stdio: ["ignore", "pipe", "pipe"],
  });
  captureOutput(child, serverLogPath(name));
  const stop = () => child.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

if (require.main === module) {
  const name = SERVER_NAMES.find((n) => n === process.argv[2]);
  if (!name) {
    console.error(`usage: tsx scripts/e2e-server.ts ${SERVER_NAMES.join("|")}`);
    process.exit(2);
  }
  main(name).catch((error: Error) => {
    console.error(`[e2e-server] ${error.message}`);
    process.exit(1);
  });
}
