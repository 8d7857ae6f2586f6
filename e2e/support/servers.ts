// The e2e servers. Each runs the same production build (`npm start`'s server.mjs) on its own
// throwaway database: "secure" (every defense on) and "postgres" (secure, on PostgreSQL, for the
// specs tagged @postgres).
// LAB ONLY
// And "flawed": lab flaws on, all of them or the ones FLAWED_FLAWS names.
// END LAB ONLY
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { testPostgresUrl } from "../../scripts/test-postgres";

export type ServerName =
  | "secure"
  // LAB ONLY
  | "flawed"
  // END LAB ONLY
  | "postgres";

const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);

const PORT_OFFSETS: Record<ServerName, number> = {
  secure: 0,
  // LAB ONLY
  flawed: 1,
  // END LAB ONLY
  postgres: 2,
};

/** Every server, in start order. */
export const SERVER_NAMES = Object.keys(PORT_OFFSETS) as ServerName[];

/** E2E_DATABASE=postgres runs the whole suite on throwaway PostgreSQL databases instead of SQLite. */
const ALL_ON_POSTGRES = process.env.E2E_DATABASE === "postgres";

export const E2E_DIR = path.resolve(__dirname, "../../.e2e");

export function serverPort(name: ServerName): number {
  return PORT_BASE + PORT_OFFSETS[name];
}

export function serverUrl(name: ServerName): string {
  return `http://localhost:${serverPort(name)}`;
}

/** Where a server's output goes for the run: e2e/secrets-in-logs.spec.ts reads it all. */
export function serverLogPath(name: string): string {
  return path.join(E2E_DIR, "logs", `${PORT_BASE}-${name}.log`);
}

/** Every log file this run's servers (main and direct) wrote. */
export function serverLogPaths(): string[] {
  const dir = path.dirname(serverLogPath("any"));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${PORT_BASE}-`))
    .map((f) => path.join(dir, f));
}

/**
 * Ports PORT_BASE+10 to +19 are for the servers a spec starts itself (e2e/support/direct-server.ts),
 * so two suites with different port bases never meet.
 */
export function spareServerPort(index: number): number {
  if (!Number.isInteger(index) || index < 0 || index > 9)
    throw new Error(`spare server ports are 0 to 9 (got ${index})`);
  return PORT_BASE + 10 + index;
}

/** "direct": the server e2e/forged-client-address.spec.ts starts itself (direct-server.ts). */
export function serverDatabaseUrl(name: ServerName | "direct"): string {
  return throwawayDatabaseUrl(name, ALL_ON_POSTGRES || name === "postgres" ? "postgres" : "sqlite");
}

/** The throwaway database `name` on SQLite or on the PostgreSQL server of the e2e suite. */
export function throwawayDatabaseUrl(name: string, kind: "sqlite" | "postgres"): string {
  if (kind === "postgres") {
    // The port base is in the name, so two suites on one PostgreSQL server never share a database.
    return testPostgresUrl(`vaultline_e2e_${PORT_BASE}_${name}`);
  }
  return `file:${path.join(E2E_DIR, `${PORT_BASE}-${name}.db`)}`;
}

// LAB ONLY
/**
 * The lab flaws each server runs with. MUTATE_FLAWS switches flaws on in the *secure* servers,
 * so anyone can watch the secure specs fail without their defense; FLAWED_FLAWS narrows the
 * flawed server to some flaws (`npm run test:flaws` runs each attack with only its own flaw).
 */
export function serverFlaws(name: ServerName): string {
  return name === "flawed" ? (process.env.FLAWED_FLAWS ?? "all") : (process.env.MUTATE_FLAWS ?? "");
}
// END LAB ONLY

/** E2E_SERVERS=secure,flawed starts only those (npm run test:flaws does); by default all of them. */
export function serversToStart(): ServerName[] {
  const wanted = process.env.E2E_SERVERS?.split(",").map((s) => s.trim());
  return wanted ? SERVER_NAMES.filter((name) => wanted.includes(name)) : SERVER_NAMES;
}
