// Owns the app's Prisma client: one per process (cached on globalThis in development, where hot
// reload re-evaluates modules), SQLite or PostgreSQL by the DATABASE_URL scheme.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind, pgConnectionConfig, resolveDatabaseUrl, sqlitePath } from "./database-url";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { PrismaClient } from "./generated/sqlite/client";

export { databaseKind };

/** Both generated clients have the same models; the SQLite client's type stands for both. */
export type Db = PrismaClient;

// The app server and a test process may write the same SQLite file: wait for a lock instead
// of failing with SQLITE_BUSY.
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** A new client on `url`; tests use it to open throwaway databases. */
export function createDb(url: string = resolveDatabaseUrl()): Db {
  if (databaseKind(url) === "sqlite") {
    return new PrismaClient({ adapter: sqliteWithWal(url) });
  }
  return new PostgresPrismaClient({ adapter: new PrismaPg(pgConnectionConfig(url)) }) as unknown as Db;
}

// WAL lets readers proceed while another process writes. The mode is stored in the file, so
// setting it on each new connection is a cheap no-op after the first time.
function sqliteWithWal(url: string) {
  const factory = new PrismaBetterSQLite3({ url: `file:${sqlitePath(url)}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: "sqlite" as const,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      beginImmediately(adapter);
      await adapter.executeScript("PRAGMA journal_mode = WAL");
      return adapter;
    },
  };
}

interface BetterSqliteConnection {
  prepare(sql: string): unknown;
}

// Prisma wraps even a single upsert in BEGIN (deferred) + SELECT + write. When another process
// writes in between, upgrading that read to a write fails at once with SQLITE_BUSY: the busy
// timeout cannot help. BEGIN IMMEDIATE takes the write lock up front, where the timeout applies.
// The adapter (6.19.3) hard-codes "BEGIN" on its better-sqlite3 connection, kept in `client`.
function beginImmediately(adapter: object): void {
  const connection = (adapter as { client?: BetterSqliteConnection }).client;
  if (typeof connection?.prepare !== "function") {
    throw new Error("@prisma/adapter-better-sqlite3 changed: lib/db.ts cannot make transactions BEGIN IMMEDIATE");
  }
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (sql) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
}

const cache = globalThis as typeof globalThis & { vaultlineDb?: Db };

export const db: Db = cache.vaultlineDb ?? createDb();

if (process.env.NODE_ENV !== "production") cache.vaultlineDb = db;
