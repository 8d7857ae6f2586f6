// Whether the database answers right now. proxy.ts asks before every page, action and route,
// so that while the database cannot be reached each request gets a clear 503 (lib/outage.ts)
// before anything runs: a server component cannot answer 503 itself (a page that fails renders
// the error page with a 500), and nothing should start work it cannot finish.
//
// Asked every time, never remembered: a remembered "up" lets the first requests of an outage
// run into it and fail with a 500; a remembered "down" goes on refusing after the database is
// back. Through Prisma a `SELECT 1` cost 0.1–0.25 ms on SQLite and 0.5–0.75 ms on local
// PostgreSQL, more than the session lookup itself once that took the lean path; so the probe
// asks through the same direct connection (lib/session/session-lookup.ts). On SQLite the
// database is a file this process holds open: the probe is nearly free, and it cannot see a
// failing disk, only a missing connection.
import "server-only";
import { logger } from "./logger.mjs";
import { PG_CONNECTION_TIMEOUT_MS } from "./db";
import { sessionLookup } from "./session/session-lookup";

/**
 * A database that takes longer than this to say `1` is as good as gone for a person waiting. As
 * long as pg's connection timeout: a probe waiting for a busy pool's free connection is no outage.
 */
const PROBE_TIMEOUT_MS = PG_CONNECTION_TIMEOUT_MS;

// The last answer, to log only changes. On globalThis for the reason lib/db.ts keeps its client
// there: the proxy and the route handlers each have their own copy of this module.
const shared = globalThis as typeof globalThis & { vaultlineDbAnswer?: "up" | "down" };

export async function databaseReachable(): Promise<boolean> {
  try {
    await withTimeout(sessionLookup().ping(), PROBE_TIMEOUT_MS);
    noteAnswer("up");
    return true;
  } catch (error) {
    noteAnswer("down", error);
    return false;
  }
}

/**
 * After a request failed: was it the database going away (answer 503) rather than a bug (500)?
 * The error itself may say the connection was lost; else the probe decides. The error is asked
 * first because the probe can miss it: when a database shuts down its connections end one by
 * one, and the probe may still find a live one for a moment.
 */
export async function failedForOutage(error: unknown): Promise<boolean> {
  return isConnectionLoss(error) || !(await databaseReachable());
}

// How a lost connection is reported: the adapters' kinds (SQLite's SQLITE_BUSY, a lock held past
// the busy timeout, is "SocketTimeout": busy, try again), PostgreSQL's classes 08 (connection
// exception) and 57 (operator intervention: shutdown, connection terminated), and pg's own
// errors, which carry no code, only these messages (pg 8.23; Prisma may quote them in its own).
// The lean session lookup (lib/session/session-lookup.ts) meets the drivers' errors bare: pg's
// with PostgreSQL's code, Node's socket errors, better-sqlite3's busy database.
const CONNECTION_LOST_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
// A PostgreSQL SQLSTATE (five characters) of class 08 or 57.
const CONNECTION_LOST_SQLSTATE = /^(08|57)[0-9A-Z]{3}$/;
const DRIVER_LOST_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "SQLITE_BUSY"]);
const CONNECTION_LOST_MESSAGES = [
  "Connection terminated",
  "Client has encountered a connection error",
  "timeout exceeded when trying to connect",
  "Query read timeout",
];

function isConnectionLoss(error: unknown): boolean {
  const cause = driverCause(error);
  if (typeof cause?.kind === "string" && CONNECTION_LOST_KINDS.has(cause.kind)) return true;
  if (cause?.kind === "postgres" && typeof cause.code === "string") return CONNECTION_LOST_SQLSTATE.test(cause.code);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && (DRIVER_LOST_CODES.has(code) || CONNECTION_LOST_SQLSTATE.test(code))) return true;
  const message = error instanceof Error ? error.message : "";
  return CONNECTION_LOST_MESSAGES.some((lost) => message.includes(lost));
}

/** One log line when the answer changes, not one per refused request. */
function noteAnswer(answer: "up" | "down", error?: unknown): void {
  if (answer === (shared.vaultlineDbAnswer ?? "up")) return;
  shared.vaultlineDbAnswer = answer;
  if (answer === "up") logger.warn("database reachable again");
  else logger.error({ cause: describe(error) }, "database unreachable: every request answers 503 until it is back");
}

type DriverCause = { kind?: unknown; code?: unknown };
type DatabaseError = { code?: unknown; cause?: DriverCause; meta?: { driverAdapterError?: { cause?: DriverCause } } };

/** The driver adapter's account of a failure: on the error itself, or in a Prisma error's meta. */
function driverCause(error: unknown): DriverCause | undefined {
  const e = (error ?? {}) as DatabaseError;
  return e.cause ?? e.meta?.driverAdapterError?.cause;
}

/** Names and codes only (e.g. "P2010 postgres 55000"): a driver's message can carry connection details. */
function describe(error: unknown): string {
  const cause = driverCause(error);
  const parts = [
    error instanceof Error ? error.name : typeof error,
    (error as DatabaseError | undefined)?.code,
    cause?.kind,
    cause?.code,
  ];
  return parts.filter((p) => typeof p === "string").join(" ");
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: "TimeoutError" })),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
