// The outage answers, the probe, and telling a lost database from a bug, on a throwaway
// PostgreSQL database this test takes away (connections refused, open ones ended) and gives
// back, in one process: the app's own client must see both, with no restart.
// e2e/database-outage.spec.ts proves the same through a server.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { pgConnectionConfig, quoteIdent, withPgDatabase } from "./database-url";
import { TEST_POSTGRES_URL as SERVER } from "../scripts/test-postgres";

const DATABASE = `vaultline_unit_outage_${process.pid}`;

let admin: pg.Client;
let outage: typeof import("./outage");
let health: typeof import("./db-health");

async function cut(): Promise<void> {
  await admin.query(`ALTER DATABASE ${quoteIdent(DATABASE)} ALLOW_CONNECTIONS false`);
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [DATABASE]);
}

async function restore(): Promise<void> {
  await admin.query(`ALTER DATABASE ${quoteIdent(DATABASE)} ALLOW_CONNECTIONS true`);
}

const failing = () => Promise.reject(new Error("the handler failed"));

before(async () => {
  admin = new pg.Client(pgConnectionConfig(SERVER));
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(DATABASE)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${quoteIdent(DATABASE)}`);
  // lib/db.ts opens the app's client on DATABASE_URL when first imported.
  process.env.DATABASE_URL = withPgDatabase(SERVER, DATABASE);
  outage = await import("./outage");
  health = await import("./db-health");
});

after(async () => {
  // Dropped first (FORCE ends the app's connections), so a failed test leaves nothing behind.
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(DATABASE)} WITH (FORCE)`);
  await admin.end();
  const { db } = await import("./db");
  await db.$disconnect();
});

describe("while the database cannot be reached", () => {
  it("the probe says so, and says it is back once it is, with no restart", async () => {
    assert.equal(await health.databaseReachable(), true);
    await cut();
    try {
      assert.equal(await health.databaseReachable(), false);
    } finally {
      await restore();
    }
    assert.equal(await health.databaseReachable(), true);
  });

  it("a route handler the outage catches half-way answers 503 in its caller's form", async () => {
    const handler = outage.answeringOutage(failing);
    await cut();
    try {
      const api = await handler(new Request("http://bank.test/session/status?tier=low"));
      assert.equal(api.status, 503);
      assert.equal(api.headers.get("retry-after"), "30");
      assert.equal((await api.json()).error, "service_unavailable");

      const page = await handler(new Request("http://bank.test/signout", { method: "POST" }));
      assert.equal(page.status, 503);
      assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(await page.text(), /<h1>Vaultline is temporarily unavailable<\/h1>/);

      // Next's client reads a server action's error body only when the type is exactly text/plain.
      const action = await handler(
        new Request("http://bank.test/transfers", { method: "POST", headers: { "Next-Action": "abc" } }),
      );
      assert.equal(action.status, 503);
      assert.equal(action.headers.get("content-type"), "text/plain");
    } finally {
      await restore();
    }
  });

  it("a handler that fails while the database answers is a bug: the error goes on, never a 503", async () => {
    const handler = outage.answeringOutage(failing);
    await assert.rejects(handler(new Request("http://bank.test/session/status?tier=low")), /the handler failed/);
    const fine = outage.answeringOutage(async () => new Response("ok"));
    assert.equal(await (await fine(new Request("http://bank.test/signout"))).text(), "ok");
  });
});

describe("failedForOutage: a lost database, or a bug?", () => {
  // While the database answers, only the error can say the connection was lost.
  const driverError = (cause: object) => Object.assign(new Error("driver"), { name: "DriverAdapterError", cause });
  const lost = [
    driverError({ kind: "postgres", code: "57P01" }), // terminated by an administrator
    driverError({ kind: "postgres", code: "08006" }), // connection failure
    driverError({ kind: "DatabaseNotReachable" }),
    driverError({ kind: "SocketTimeout" }), // SQLite: SQLITE_BUSY past the busy timeout
    Object.assign(new Error("raw"), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } },
    }),
    new Error("Client has encountered a connection error and is not queryable"),
    new Error("Connection terminated unexpectedly"),
    // Bare driver errors, as the lean session lookup meets them.
    Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }),
  ];
  const bugs = [
    driverError({ kind: "UniqueConstraintViolation" }),
    driverError({ kind: "postgres", code: "22P02" }), // invalid text representation
    Object.assign(new Error("invalid input syntax"), { code: "22P02" }),
    Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" }),
    new TypeError("Cannot read properties of undefined"),
    new Error("A transfer just made could not be read back"),
  ];

  it("a lost connection is an outage even when the probe finds the database", async () => {
    for (const error of lost) assert.equal(await health.failedForOutage(error), true, String(error.message));
  });

  it("any other failure is a bug while the database answers, and an outage while it does not", async () => {
    for (const error of bugs) assert.equal(await health.failedForOutage(error), false, error.message);
    await cut();
    try {
      for (const error of bugs) assert.equal(await health.failedForOutage(error), true, error.message);
    } finally {
      await restore();
    }
  });
});

describe("after an outage the app's own client recovers", () => {
  it("even when more transactions than the pool holds lost their connection half-way", async () => {
    const { db } = await import("./db");
    const halfWay = 12; // more than pg's default pool of 10
    let started = 0;
    let resume!: () => void;
    const gate = new Promise<void>((resolve) => (resume = resolve));
    const transactions = Array.from({ length: halfWay }, () =>
      db
        .$transaction(async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          started += 1;
          await gate;
          await tx.$queryRaw`SELECT 1`;
        })
        .then(
          () => "committed",
          () => "failed",
        ),
    );
    while (started < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await cut();
    resume();
    const outcomes = await Promise.all(transactions);
    await restore();
    assert.ok(outcomes.includes("failed"), "the cut caught transactions half-way");
    // A connection lost inside a transaction must go back to the pool, or the pool runs dry.
    assert.equal(await health.databaseReachable(), true);
    await db.$transaction(async (tx) => tx.$queryRaw`SELECT 1`);
  });
});
