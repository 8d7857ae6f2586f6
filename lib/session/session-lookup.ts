// The one hot read: every signed-in request looks up its session, with its user, by token hash.
// Through Prisma's query engine that costs about half a millisecond; read here through the
// database driver itself it costs a few dozen microseconds (docs/benchmarks.md). Only this
// lookup takes the lean path: every write, and every other read, stays with Prisma. Nothing is
// cached: each call reads the row as it is now, so a session revoked, rotated out or ended by
// another instance is refused on its very next request. session-lookup.test.ts checks on both
// databases that this returns exactly what Prisma's findUnique would.
import "server-only";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, pgConnectionConfig, sqlitePath } from "@/lib/database-url";
import { PG_CONNECTION_TIMEOUT_MS } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { Session, User } from "@/lib/generated/sqlite/client";

/** The user as a session carries it: everything but the password hash, which pages never need. */
type SessionUser = Omit<User, "passwordHash">;

export type SessionWithUser = Session & { user: SessionUser };

export type SessionLookup = {
  byTokenHash(tokenHash: string): Promise<SessionWithUser | null>;
  /** `SELECT 1` on the same connection: lib/db-health.ts's probe, asked on every request. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

// Written out, not `s.*`: a column added later must be added here (and to the test) on purpose.
const SESSION_COLUMNS = [
  "id",
  "tokenHash",
  "userId",
  "clientType",
  "familyId",
  "rotatedFromId",
  "rotatedReason",
  "createdAt",
  "lastSeenAt",
  "authenticatedAt",
  "credentialGeneration",
  "stepUpFailures",
  "openTier",
  "elevatedAt",
  "expiresAt",
  "endedAt",
  "endReason",
  "userAgent",
  "ip",
] as const;
// Everything of the user but passwordHash, which no page needs.
const USER_COLUMNS = [
  "id",
  "email",
  "name",
  "role",
  "disabledAt",
  "lockedAt",
  "passwordChangedAt",
  "credentialGeneration",
  "generationEndReason",
  "createdAt",
] as const;
const SESSION_DATES = new Set(["createdAt", "lastSeenAt", "authenticatedAt", "elevatedAt", "expiresAt", "endedAt"]);
const USER_DATES = new Set(["disabledAt", "lockedAt", "passwordChangedAt", "createdAt"]);

function selectSql(parameter: string): string {
  const columns = [...SESSION_COLUMNS.map((c) => `s."${c}"`), ...USER_COLUMNS.map((c) => `u."${c}" AS "user.${c}"`)];
  return `SELECT ${columns.join(", ")} FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = ${parameter}`;
}

type Row = Record<string, unknown>;

function toSessionWithUser(row: Row): SessionWithUser {
  const pick = (columns: readonly string[], dates: Set<string>, prefix: string) =>
    Object.fromEntries(columns.map((c) => [c, dates.has(c) ? toDate(row[prefix + c]) : row[prefix + c]]));
  return {
    ...pick(SESSION_COLUMNS, SESSION_DATES, ""),
    user: pick(USER_COLUMNS, USER_DATES, "user."),
  } as SessionWithUser;
}

/**
 * Prisma stores SQLite dates as ISO text with an offset; a row written by SQL's
 * CURRENT_TIMESTAMP default has "YYYY-MM-DD HH:MM:SS" in UTC. PostgreSQL's are parsed below.
 */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? String(value) : `${String(value).replace(" ", "T")}Z`);
}

function sqliteLookup(url: string): SessionLookup {
  // A second, read-only connection beside Prisma's: WAL lets it read while Prisma writes, and
  // it sees every write Prisma has committed.
  const connection = new Database(sqlitePath(url), { readonly: true, fileMustExist: true, timeout: 5000 });
  const statement = connection.prepare(selectSql("?"));
  const one = connection.prepare("SELECT 1");
  return {
    async byTokenHash(tokenHash) {
      const row = statement.get(tokenHash) as Row | undefined;
      return row ? toSessionWithUser(row) : null;
    },
    async ping() {
      one.get();
    },
    async close() {
      connection.close();
    },
  };
}

// Prisma writes PostgreSQL dates as UTC into `timestamp(3) without time zone`; pg would read
// them as local time. 1114 is that type's OID.
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE
      ? (value: string) => toDate(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function postgresLookup(url: string): SessionLookup {
  const pool = new pg.Pool({ ...pgConnectionConfig(url), connectionTimeoutMillis: PG_CONNECTION_TIMEOUT_MS, max: 4 });
  // An idle connection dropped by the server (a restart) must not crash the process; the next
  // query opens a new one, and lib/db-health.ts answers 503 while the database is away.
  pool.on("error", () => undefined);
  // Named, so each connection parses and plans the query once.
  const query = { name: "vaultline-session-by-token-hash", text: selectSql("$1"), types: utcTimestamps };
  return {
    async byTokenHash(tokenHash) {
      const { rows } = await pool.query<Row>({ ...query, values: [tokenHash] });
      return rows[0] ? toSessionWithUser(rows[0]) : null;
    },
    async ping() {
      await pool.query("SELECT 1");
    },
    close: () => pool.end(),
  };
}

export function createSessionLookup(url: string = serverEnv().DATABASE_URL): SessionLookup {
  return databaseKind(url) === "sqlite" ? sqliteLookup(url) : postgresLookup(url);
}

// One per process, on globalThis for the reason lib/db.ts keeps its client there.
const shared = globalThis as typeof globalThis & { vaultlineSessionLookup?: SessionLookup };

export function sessionLookup(): SessionLookup {
  return (shared.vaultlineSessionLookup ??= createSessionLookup());
}
