// The PostgreSQL server the unit tests, the browser suite and the bench make their throwaway
// databases on: E2E_POSTGRES_URL, else the local one compose.yml starts (user postgres, trust).
import { withPgDatabase } from "../lib/database-url";

export const TEST_POSTGRES_URL =
  process.env.E2E_POSTGRES_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";

/** The database `name` on that server; the caller creates it (setupDatabase) and drops it. */
export function testPostgresUrl(name: string): string {
  return withPgDatabase(TEST_POSTGRES_URL, name);
}
