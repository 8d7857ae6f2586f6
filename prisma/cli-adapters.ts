// Owns the driver adapters the Prisma CLI (WASM schema engine, `engine: "js"`) uses offline.
// They carry workarounds the app's runtime adapters in lib/db.ts do not need:
// - SQLite: better-sqlite3 rejects multi-statement `executeRaw`, which the schema engine sends
//   when it replays migrations on the shadow database (P3006 "External error id#0").
// - PostgreSQL: the engine's catalog queries return `name` / `"char"` columns that
//   @prisma/adapter-pg cannot map (prisma/orm#27403); and the shadow database is created and
//   dropped here, WITH (FORCE), instead of by the adapter's own (leak-prone) helper.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { pgConnectionConfig, quoteIdent, sqlitePath, type PgConnectionConfig } from "../lib/database-url";

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

export interface CliAdapterFactory {
  readonly provider: "sqlite" | "postgres";
  readonly adapterName: string;
  connect(): Promise<SqlDriverAdapter>;
  connectToShadowDb(): Promise<SqlDriverAdapter>;
}

export function sqliteCliAdapter(url: string): CliAdapterFactory {
  const factory = new PrismaBetterSQLite3({ url: `file:${sqlitePath(url)}` });
  return {
    provider: "sqlite",
    adapterName: factory.adapterName,
    connect: async () => scriptingRawStatements(await factory.connect()),
    connectToShadowDb: async () => scriptingRawStatements(await factory.connectToShadowDb()),
  };
}

/** Sends argument-less raw statements through `executeScript`, which accepts several. */
function scriptingRawStatements(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

export function postgresCliAdapter(url: string): CliAdapterFactory {
  const config = pgConnectionConfig(url);
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectPg(config),
    connectToShadowDb: () => connectToFreshShadowDb(config),
  };
}

const PG_NAME_OID = 19;
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

// A fresh factory per connection: PrismaPg falls back to a plain pool once an external pool ends.
function connectPg(config: PgConnectionConfig): Promise<SqlDriverAdapter> {
  return new PrismaPg(poolReportingNamesAsText(config), { disposeExternalPool: true }).connect();
}

/** A pool whose results label `name` and `"char"` columns as text (their values are strings). */
function poolReportingNamesAsText(config: PgConnectionConfig): pg.Pool {
  // allowExitOnIdle: the CLI never disposes its main connection; idle clients would keep it alive 10 s.
  const pool = new pg.Pool({ ...config, allowExitOnIdle: true });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const relabelled = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_NAME_OID || field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  pool.query = relabelled as unknown as typeof pool.query;
  return pool;
}

async function connectToFreshShadowDb(config: PgConnectionConfig): Promise<SqlDriverAdapter> {
  const database = `prisma_shadow_${process.pid}_${Date.now()}`;
  await runOnMaintenanceDb(config, `CREATE DATABASE ${quoteIdent(database)}`);
  const adapter = await connectPg({ ...config, database });
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await runOnMaintenanceDb(config, `DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  };
  return adapter;
}

/** Runs one statement on the server's `postgres` database (CREATE/DROP DATABASE need one). */
export async function runOnMaintenanceDb(config: PgConnectionConfig, sql: string): Promise<void> {
  const client = new pg.Client({ ...config, database: "postgres" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
