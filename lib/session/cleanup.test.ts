// The cleanup on a real (throwaway) SQLite database: it deletes exactly the sessions whose
// absolute deadline, and the events whose last sighting, passed more than the retention ago, in
// batches, and keeps the rest.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, it } from "node:test";

const HOUR_MS = 3_600_000;
const dir = mkdtempSync(path.join(os.tmpdir(), "vaultline-cleanup-"));
// Before any app module loads: the app's client binds to DATABASE_URL when first imported.
process.env.DATABASE_URL = `file:${path.join(dir, "bank.db")}`;

after(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

it("deletes sessions past the retention after their deadline, batch by batch, and nothing else", async () => {
  const { setupDatabase } = await import("../../scripts/db-setup");
  await setupDatabase(process.env.DATABASE_URL);
  const { db } = await import("../db");
  const { deleteExpiredSessions } = await import("./cleanup");
  const { sessionPolicy } = await import("./policy");
  const now = new Date("2026-11-24T12:00:00.000Z");
  const retentionMs = sessionPolicy().expiredSessionRetentionHours * HOUR_MS;
  const user = await db.user.findFirstOrThrow();
  const rows = (offsetsMs: number[]) =>
    offsetsMs.map((offset) => ({
      tokenHash: randomUUID(),
      userId: user.id,
      familyId: randomUUID(),
      expiresAt: new Date(now.getTime() + offset),
    }));
  const longGone = rows(Array.from({ length: 7 }, (_, i) => -retentionMs - 1 - i * HOUR_MS));
  const kept = rows([-retentionMs + 1, -1, HOUR_MS]); // within the retention, just expired, live
  await db.session.createMany({ data: [...longGone, ...kept] });

  assert.equal(await deleteExpiredSessions({ now, batchSize: 3, pauseMs: 0 }), longGone.length);
  const left = await db.session.findMany({
    where: { tokenHash: { in: [...longGone, ...kept].map((r) => r.tokenHash) } },
  });
  assert.deepEqual(left.map((r) => r.tokenHash).sort(), kept.map((r) => r.tokenHash).sort());
  assert.equal(await deleteExpiredSessions({ now, batchSize: 3, pauseMs: 0 }), 0);
});

it("deletes security events last seen more than the retention ago, however long ago they began", async () => {
  const { db } = await import("../db");
  const { deleteOldEvents } = await import("./cleanup");
  const { sessionPolicy } = await import("./policy");
  const now = new Date("2026-11-24T12:00:00.000Z");
  const retentionMs = sessionPolicy().securityEventRetentionDays * 24 * HOUR_MS;
  const at = (offset: number) => new Date(now.getTime() + offset);
  const event = (type: string, firstMs: number, lastMs: number) => ({
    type,
    createdAt: at(firstMs),
    lastSeenAt: at(lastMs),
    ip: randomUUID(),
  });
  const old = [
    event("sign_in_failure", -retentionMs - 5, -retentionMs - 1),
    event("sign_out", -2 * retentionMs, -retentionMs - 1),
  ];
  // Began long ago but still going on: a flood's row stays while it is seen.
  const kept = [event("sign_in_failure", -2 * retentionMs, -1), event("sign_out", -retentionMs + 1, -retentionMs + 1)];
  await db.securityEvent.createMany({ data: [...old, ...kept] });

  assert.equal(await deleteOldEvents({ now, batchSize: 1, pauseMs: 0 }), old.length);
  const left = await db.securityEvent.findMany({ where: { ip: { in: [...old, ...kept].map((e) => e.ip) } } });
  assert.deepEqual(left.map((e) => e.ip).sort(), kept.map((e) => e.ip).sort());
});
