// Deletes the rows of sessions long past their absolute deadline, and security events older than
// their retention. Sessions are already refused on every request (the deadline is checked each
// time, not by this job); deleting them only keeps the table, and its indexes, the size of the
// live sessions. Events are bounded in time here as they are in rate by aggregation (events.ts):
// the log a SIEM keeps is the long-term record. In small batches with a pause between them, so
// the job never holds the database long enough to stall a request.
import "server-only";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/logger.mjs";
import { sessionPolicy } from "./policy";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type CleanupOptions = { now: Date; batchSize?: number; pauseMs?: number };

/** Every session row whose deadline passed more than the policy's retention ago; returns how many. */
export async function deleteExpiredSessions({ now, ...batches }: CleanupOptions): Promise<number> {
  const cutoff = new Date(now.getTime() - sessionPolicy().expiredSessionRetentionHours * HOUR_MS);
  // The deadline index finds each batch without scanning the table.
  return deleteInBatches(batches, {
    find: (take) => db.session.findMany({ where: { expiresAt: { lt: cutoff } }, select: { id: true }, take }),
    remove: (ids) => db.session.deleteMany({ where: { id: { in: ids } } }),
  });
}

/** Every security event last seen more than the policy's retention ago; returns how many. */
export async function deleteOldEvents({ now, ...batches }: CleanupOptions): Promise<number> {
  const cutoff = new Date(now.getTime() - sessionPolicy().securityEventRetentionDays * DAY_MS);
  // The lastSeenAt index finds each batch; a flood's row stays while the flood goes on.
  return deleteInBatches(batches, {
    find: (take) => db.securityEvent.findMany({ where: { lastSeenAt: { lt: cutoff } }, select: { id: true }, take }),
    remove: (ids) => db.securityEvent.deleteMany({ where: { id: { in: ids } } }),
  });
}

type BatchTable = {
  find: (take: number) => Promise<{ id: string }[]>;
  remove: (ids: string[]) => Promise<{ count: number }>;
};

async function deleteInBatches(
  { batchSize = 1000, pauseMs = 20 }: Omit<CleanupOptions, "now">,
  table: BatchTable,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = await table.find(batchSize);
    if (batch.length === 0) return deleted;
    deleted += (await table.remove(batch.map((row) => row.id))).count;
    if (batch.length < batchSize) return deleted;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/** Both deletions; what each removed. */
export async function runCleanup(now: Date): Promise<{ sessions: number; events: number }> {
  return { sessions: await deleteExpiredSessions({ now }), events: await deleteOldEvents({ now }) };
}

/**
 * Runs the cleanup on a timer inside this server. Several instances may each run it: a row is
 * deleted once, whoever gets there first. A failed run (the database away) waits for the next.
 */
export function scheduleSessionCleanup(): void {
  const minutes = serverEnv().SESSION_CLEANUP_INTERVAL_MINUTES;
  if (minutes === 0) return;
  const timer = setInterval(() => {
    runCleanup(new Date()).catch((error: Error) => {
      logger.warn({ failure: error.message.split("\n")[0], nextRunMinutes: minutes }, "cleanup failed");
    });
  }, minutes * 60_000);
  timer.unref();
}
