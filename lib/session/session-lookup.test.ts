// The lean session read must answer exactly what Prisma's findUnique answers, on real SQLite and
// real PostgreSQL (throwaway databases): every column, every date to the millisecond, nulls as
// nulls, the user without the password hash; and nothing for an unknown hash.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { pgConnectionConfig, quoteIdent } from "../database-url";
import { createDb, type Db } from "../db";
import { setupDatabase } from "../../scripts/db-setup";
import { testPostgresUrl } from "../../scripts/test-postgres";
import { runOnMaintenanceDb } from "../../prisma/cli-adapters";
import { createSessionLookup } from "./session-lookup";
import { hashToken, generateSessionToken } from "./tokens";

const HOUR_MS = 3_600_000;

/** A live session and an ended, elevated, rotated one with every optional column set. */
async function seedSessions(db: Db): Promise<string[]> {
  const user = await db.user.create({
    data: {
      email: `lookup-${randomUUID()}@vaultline.test`,
      name: "Lookup Ünïcode",
      passwordHash: "$2b$12$not-a-real-hash",
      disabledAt: new Date("2026-01-02T03:04:05.678Z"),
    },
  });
  const created = new Date("2026-11-24T10:00:00.123Z");
  const live = {
    tokenHash: hashToken(generateSessionToken()),
    userId: user.id,
    familyId: randomUUID(),
    createdAt: created,
    lastSeenAt: created,
    authenticatedAt: created,
    expiresAt: new Date(created.getTime() + 12 * HOUR_MS),
  };
  const ended = {
    ...live,
    tokenHash: hashToken(generateSessionToken()),
    clientType: "api",
    rotatedFromId: "some-earlier-row",
    rotatedReason: "step_up",
    stepUpFailures: 3,
    openTier: "medium",
    elevatedAt: new Date(created.getTime() + 1),
    endedAt: new Date(created.getTime() + 999),
    endReason: "rotated",
    userAgent: 'Mozilla/5.0 "quoted" 🙂',
    ip: "2001:db8::1",
  };
  await db.session.create({ data: live });
  await db.session.create({ data: ended });
  return [live.tokenHash, ended.tokenHash];
}

async function provesSameAnswers(url: string) {
  await setupDatabase(url);
  const db = createDb(url);
  const lookup = createSessionLookup(url);
  after(async () => {
    await lookup.close();
    await db.$disconnect();
  });
  for (const tokenHash of await seedSessions(db)) {
    const viaPrisma = await db.session.findUnique({
      where: { tokenHash },
      include: { user: { omit: { passwordHash: true } } },
    });
    assert.ok(viaPrisma);
    assert.deepEqual(await lookup.byTokenHash(tokenHash), viaPrisma);
  }
  assert.equal(await lookup.byTokenHash(hashToken(generateSessionToken())), null);
  // Read fresh each time: a write by Prisma shows on the very next lookup.
  const [liveHash] = await seedSessions(db);
  await db.session.update({ where: { tokenHash: liveHash! }, data: { endedAt: new Date(), endReason: "signed_out" } });
  assert.equal((await lookup.byTokenHash(liveHash!))?.endReason, "signed_out");
}

describe("the lean session lookup", () => {
  it("SQLite: answers what Prisma answers", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vaultline-lookup-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    await provesSameAnswers(`file:${path.join(dir, "bank.db")}`);
  });

  it("PostgreSQL: answers what Prisma answers", async () => {
    const url = testPostgresUrl(`vaultline_lookup_${process.pid}_${Date.now()}`);
    const config = pgConnectionConfig(url);
    after(() => runOnMaintenanceDb(config, `DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`));
    await provesSameAnswers(url);
  });
});
