// Counts the rows the app inserts, updates and deletes while the bench watches, exactly and at
// once. PostgreSQL's own statistics (pg_stat_user_tables) would count them too, but a backend
// reports them up to 10 seconds late (PGSTAT_IDLE_INTERVAL), so every reading meant waiting that
// out. Statement-level triggers append each statement's row count to a log table instead: an
// append, not a shared counter, so concurrent writers do not queue on one row.
import pg from "pg";
import { pgConnectionConfig, quoteIdent } from "../../lib/database-url";

const LOG = "bench_row_writes";
const EVENTS = ["INSERT", "UPDATE", "DELETE"] as const;

/** The app's own tables: every table in the public schema but Prisma's and the log itself. */
async function appTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', $1)`,
    [LOG],
  );
  return rows.map((row) => row.name);
}

/** A watch on every row the app writes from now on: `count()` reads it, `stop()` removes it. */
export async function watchRowWrites(databaseUrl: string): Promise<{ count: () => Promise<number>; stop: () => Promise<void> }> {
  const client = new pg.Client(pgConnectionConfig(databaseUrl));
  await client.connect();
  await client.query(`CREATE TABLE ${LOG} (rows bigint NOT NULL)`);
  // A transition table holds the statement's rows; one event per trigger is PostgreSQL's rule for them.
  for (const event of EVENTS) {
    const rows = event === "DELETE" ? "OLD" : "NEW";
    await client.query(`CREATE FUNCTION ${LOG}_${event.toLowerCase()}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO ${LOG} SELECT count(*) FROM changed HAVING count(*) > 0; RETURN NULL; END $$`);
    for (const table of await appTables(client)) {
      await client.query(
        `CREATE TRIGGER ${LOG}_${event.toLowerCase()} AFTER ${event} ON ${quoteIdent(table)}
         REFERENCING ${rows} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${LOG}_${event.toLowerCase()}()`,
      );
    }
  }
  return {
    count: async () => Number((await client.query<{ n: string }>(`SELECT coalesce(sum(rows), 0) AS n FROM ${LOG}`)).rows[0]!.n),
    stop: async () => {
      for (const event of EVENTS) await client.query(`DROP FUNCTION ${LOG}_${event.toLowerCase()}() CASCADE`);
      await client.query(`DROP TABLE ${LOG}`);
      await client.end();
    },
  };
}
