// The e2e servers: one secure, one with every lab flaw on. Both run the same production build
// (`next start`), each on its own throwaway database, so attack specs can compare them.
import path from "node:path";

export type ServerName = "secure" | "flawed";

const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);

/** E2E_DATABASE=postgres runs the suite on throwaway PostgreSQL databases instead of SQLite. */
const USE_POSTGRES = process.env.E2E_DATABASE === "postgres";

export const E2E_DIR = path.resolve(__dirname, "../../.e2e");

export function serverPort(name: ServerName): number {
  return name === "secure" ? PORT_BASE : PORT_BASE + 1;
}

export function serverUrl(name: ServerName): string {
  return `http://localhost:${serverPort(name)}`;
}

export function serverDatabaseUrl(name: ServerName): string {
  if (USE_POSTGRES) {
    const base = process.env.E2E_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const url = new URL(base);
    // The port base is in the name, so two suites on one PostgreSQL server never share a database.
    url.pathname = `/vaultline_e2e_${PORT_BASE}_${name}`;
    return url.toString();
  }
  return `file:${path.join(E2E_DIR, `${name}.db`)}`;
}

/**
 * The lab flaws each server runs with. MUTATE_FLAWS switches flaws on in the *secure* server,
 * so anyone can watch the secure specs fail without their defense (`npm run test:teeth`).
 */
export function serverFlaws(name: ServerName): string {
  return name === "flawed" ? "all" : (process.env.MUTATE_FLAWS ?? "");
}

/** Teeth runs need only the secure server; everything else starts both. */
export function serversToStart(): ServerName[] {
  return process.env.E2E_SERVERS === "secure" ? ["secure"] : ["secure", "flawed"];
}
