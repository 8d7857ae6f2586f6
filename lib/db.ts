// Owns the app's Prisma client: one per process, SQLite or PostgreSQL by the DATABASE_URL scheme.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind, pgConnectionConfig, sqlitePath } from "./database-url";
import { serverEnv } from "./env";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { PrismaClient } from "./generated/sqlite/client";

export { databaseKind };

/** Both generated clients have the same models; the SQLite client's type stands for both. */
export type Db = PrismaClient;

// The app server and a test process may write the same SQLite file: wait for a lock instead
// of failing with SQLITE_BUSY.
const SQLITE_BUSY_TIMEOUT_MS = 5000;

// pg waits forever by default: for a connection to a host that drops packets (the OS gives up
// after about two minutes) and for a free slot in the pool. A request should rather fail within
// seconds and answer 503 (lib/db-health.ts). Not sooner than a transfer's own wait for its
// transaction (maxWait in lib/bank/transfers.ts): under a burst, a payment waits for a free
// connection rather than be refused. A healthy connection takes milliseconds.
export const PG_CONNECTION_TIMEOUT_MS = 10_000;

/** A new client on `url`; tests use it to open throwaway databases. */
export function createDb(url: string = serverEnv().DATABASE_URL): Db {
  if (databaseKind(url) === "sqlite") {
    return new PrismaClient({ adapter: sqliteWithWal(url) });
  }
  const config = { ...pgConnectionConfig(url), connectionTimeoutMillis: PG_CONNECTION_TIMEOUT_MS };
  return new PostgresPrismaClient({ adapter: pgReturningLostConnections(new PrismaPg(config)) }) as unknown as Db;
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;
type PoolClient = { release(error?: Error): void };

// Prisma (6.19.3) ends a transaction in two steps: it sends COMMIT or ROLLBACK, then calls the
// adapter's commit() or rollback(), where @prisma/adapter-pg hands the connection back to the
// pool. When the first step fails, because the connection died mid-transaction, the second never
// runs: the pool loses that connection for good. A database restart under load loses ten, and
// then every query waits for a connection that never comes, until the process is restarted.
// Here a failed COMMIT or ROLLBACK hands the broken connection back (to be discarded) itself.
function pgReturningLostConnections(factory: PrismaPg) {
  return {
    provider: "postgres" as const,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const startTransaction = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel) => releasedWhenEndFails(await startTransaction(isolationLevel));
      return adapter;
    },
  };
}

function releasedWhenEndFails(transaction: PgTransaction): PgTransaction {
  const client = (transaction as { client?: Partial<PoolClient> }).client;
  if (typeof client?.release !== "function") {
    throw new Error("@prisma/adapter-pg changed: lib/db.ts cannot return a lost transaction's connection to the pool");
  }
  // pg's pool discards a connection released with an error instead of lending it again.
  const discard = client.release.bind(client);
  let released = false;
  const releaseOnce = (end: () => Promise<void>) => async () => {
    if (released) return;
    released = true;
    await end();
  };
  const executeRaw = transaction.executeRaw.bind(transaction);
  transaction.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if ((query.sql === "COMMIT" || query.sql === "ROLLBACK") && !released) {
        released = true;
        discard(error as Error);
      }
      throw error;
    }
  };
  transaction.commit = releaseOnce(transaction.commit.bind(transaction));
  transaction.rollback = releaseOnce(transaction.rollback.bind(transaction));
  return transaction;
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

// Kept on globalThis: proxy.ts and the routes are bundled apart, each with its own copy of this
// module, and development's hot reload re-evaluates modules; each would open a pool of its own.
const cache = globalThis as typeof globalThis & { vaultlineDb?: Db };

export const db: Db = (cache.vaultlineDb ??= createDb());
