// Starts one e2e server: a fresh throwaway database (migrated and seeded), then the production
// build with `next start`. Used by playwright.config.ts's webServer entries.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { serverDatabaseUrl, serverFlaws, serverPort, serverUrl, type ServerName } from "../e2e/support/servers";
import { rmSync } from "node:fs";
import pg from "pg";
import { databaseKind, pgConnectionConfig, quoteIdent, sqlitePath } from "../lib/database-url";
import { setupDatabase } from "./db-setup";

/** Every run starts from an empty, freshly migrated and seeded database. */
async function resetDatabase(url: string): Promise<void> {
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
  await setupDatabase(url, { force: true });
}

async function main(name: ServerName) {
  const databaseUrl = serverDatabaseUrl(name);
  await resetDatabase(databaseUrl);
  const child = spawn("node_modules/.bin/next", ["start", "--port", String(serverPort(name))], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: serverUrl(name),
      // A fresh secret per run: nothing from a test run is valid anywhere else.
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      LAB_FLAWS: serverFlaws(name),
      LAB_ALLOW: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

const SERVER_NAMES: ServerName[] = ["secure", "flawed", "postgres"];
const name = SERVER_NAMES.find((n) => n === process.argv[2]);
if (!name) {
  console.error(`usage: tsx scripts/e2e-server.ts ${SERVER_NAMES.join("|")}`);
  process.exit(2);
}
main(name).catch((error: Error) => {
  console.error(`[e2e-server] ${error.message}`);
  process.exit(1);
});
