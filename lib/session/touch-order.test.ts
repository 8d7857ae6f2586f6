// Activity writes arrive out of order when requests overlap: a request that read the session
// before a later one wrote it may write last. On real PostgreSQL (a throwaway database, the
// production engine, where two instances really interleave), a late write must never move
// lastSeenAt back (the session would look less idle than it is) nor raise the tier ceiling
// another request lowered (a closed tier would reopen). store.ts `touchSession` holds this with
// a conditional UPDATE, not in application code.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { pgConnectionConfig, quoteIdent } from "../database-url";
import { createDb, type Db } from "../db";
import { setupDatabase } from "../../scripts/db-setup";
import { runOnMaintenanceDb } from "../../prisma/cli-adapters";
import { testPostgresUrl } from "../../scripts/test-postgres";
import type { Tier } from "./policy";
import { touchSession } from "./store";

const url = testPostgresUrl(`vaultline_touch_${process.pid}_${Date.now()}`);
const T0 = new Date("2026-12-01T10:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe("activity writes out of order, on PostgreSQL", () => {
  let db: Db;
  before(async () => {
    await setupDatabase(url);
    db = createDb(url);
  });
  after(async () => {
    await db.$disconnect();
    const config = pgConnectionConfig(url);
    await runOnMaintenanceDb(config, `DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`);
  });

  async function newSession(): Promise<string> {
    const user = await db.user.create({
      data: { email: `touch-${randomUUID()}@vaultline.test`, name: "Touch", passwordHash: "x" },
    });
    const session = await db.session.create({
      data: {
        tokenHash: randomUUID(),
        userId: user.id,
        familyId: randomUUID(),
        lastSeenAt: T0,
        expiresAt: minutes(600),
      },
    });
    return session.id;
  }

  /** The write a request at T0 + `at` minutes makes, with the ceiling it computed. */
  const touch = (id: string, at: number, openTier: Tier) => touchSession(id, minutes(at), openTier, db);

  async function row(id: string) {
    return db.session.findUniqueOrThrow({ where: { id }, select: { lastSeenAt: true, openTier: true } });
  }

  it("a late write from an earlier request neither moves time back nor reopens a tier", async () => {
    const id = await newSession();
    // At +16 min a request finds the high tier (15 min) closed by the gap and lowers the ceiling.
    await touch(id, 16, "medium");
    // A request from +14 min, which read the row before that write, arrives last.
    await touch(id, 14, "high");
    assert.deepEqual(await row(id), { lastSeenAt: minutes(16), openTier: "medium" });
  });

  it("a later write still records activity and keeps lowering the ceiling", async () => {
    const id = await newSession();
    await touch(id, 16, "medium");
    await touch(id, 20, "medium");
    await touch(id, 55, "low");
    assert.deepEqual(await row(id), { lastSeenAt: minutes(55), openTier: "low" });
  });

  it("simultaneous writes from both sides of the gap end at the latest time and the lowest ceiling", async () => {
    const id = await newSession();
    const writes = Array.from({ length: 20 }, (_, i) => touch(id, 10 + i, i >= 6 ? "medium" : "high"));
    await Promise.all(writes);
    assert.deepEqual(await row(id), { lastSeenAt: minutes(29), openTier: "medium" });
  });
});
