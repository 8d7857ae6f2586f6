// setupDatabase must be safe to re-run: on a throwaway SQLite file and a throwaway PostgreSQL
// database (on E2E_POSTGRES_URL, by default 127.0.0.1:5432; created by setupDatabase, dropped
// here), a second run leaves every count unchanged, and every balance equals its ledger sum with
// a consistent running balance; the demo data is dated as a real bank's would be.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { pgConnectionConfig, quoteIdent } from "../lib/database-url";
import { createDb } from "../lib/db";
import { refuseProductionSeed, setupDatabase } from "../scripts/db-setup";
import { testPostgresUrl } from "../scripts/test-postgres";
import { runOnMaintenanceDb } from "./cli-adapters";

async function snapshot(url: string) {
  const db = createDb(url);
  try {
    const counts = {
      users: await db.user.count(),
      accounts: await db.account.count(),
      entries: await db.ledgerEntry.count(),
      settings: await db.setting.count(),
    };
    const accounts = await db.account.findMany({
      include: { entries: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
    return { counts, accounts };
  } finally {
    await db.$disconnect();
  }
}

async function assertIdempotent(url: string) {
  await setupDatabase(url);
  const first = await snapshot(url);
  await setupDatabase(url);
  const second = await snapshot(url);

  assert.deepEqual(first.counts, { users: 4, accounts: 4, entries: 14, settings: 1 });
  assert.deepEqual(second.counts, first.counts);
  for (const account of second.accounts) {
    let running = 0;
    for (const entry of account.entries) {
      running += entry.amountCents;
      assert.equal(entry.balanceAfterCents, running, `${account.number} running balance`);
    }
    assert.equal(account.balanceCents, running, `${account.number} balance equals its ledger sum`);
    assert.equal(account.entries[0]?.description, "Opening deposit");
  }
  await assertBelievablyDated(url);
}

/** Customers of months' standing, entries at their own times of day, none at the seed run's. */
async function assertBelievablyDated(url: string) {
  const db = createDb(url);
  try {
    const monthsAgo = Date.now() - 90 * 24 * 3_600_000;
    for (const user of await db.user.findMany()) assert.ok(user.createdAt.getTime() < monthsAgo, `${user.email} since`);
    const entries = await db.ledgerEntry.findMany();
    const timesOfDay = new Set(entries.map((e) => e.createdAt.toISOString().slice(11, 16)));
    assert.equal(timesOfDay.size, entries.length, "every entry at its own time of day");
    assert.ok(entries.every((e) => e.createdAt.getUTCSeconds() === 0 && e.createdAt.getTime() < Date.now()));
  } finally {
    await db.$disconnect();
  }
}

test("setupDatabase is idempotent on SQLite", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vaultline-setup-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  await assertIdempotent(`file:${path.join(dir, "nested", "test.db")}`);
});

test("setupDatabase is idempotent on PostgreSQL", async () => {
  const url = testPostgresUrl(`vaultline_test_${process.pid}_${Date.now()}`);
  const config = pgConnectionConfig(url);
  after(() => runOnMaintenanceDb(config, `DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`));
  await assertIdempotent(url);
});

test("seeding a production database needs --force", () => {
  assert.throws(() => refuseProductionSeed("file:./prisma/dev.db", { NODE_ENV: "production" }), /NODE_ENV=production/);
  assert.throws(() => refuseProductionSeed("postgresql://app@db.example.com/bank", {}), /not local/);
  assert.doesNotThrow(() => refuseProductionSeed("postgresql://postgres@127.0.0.1:5432/vaultline", {}));
  assert.doesNotThrow(() => refuseProductionSeed("file:./prisma/dev.db", {}));
});
