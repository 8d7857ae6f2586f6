// Deletes the rows of sessions long past their absolute deadline. They are already refused on
// every request (the deadline is checked each time, not by this job); deleting them only keeps
// the table, and its indexes, the size of the live sessions. In small batches with a pause
// between them, so the job never holds the database long enough to stall a request.
import "server-only";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { sessionPolicy } from "./policy";

const HOUR_MS = 3_600_000;

export type CleanupOptions = { now: Date; batchSize?: number; pauseMs?: number };

/** Every session row whose deadline passed more than the policy's retention ago; returns how many. */
export async function deleteExpiredSessions({ now, batchSize = 1000, pauseMs = 20 }: CleanupOptions): Promise<number> {
  const cutoff = new Date(now.getTime() - sessionPolicy().expiredSessionRetentionHours * HOUR_MS);
  let deleted = 0;
  for (;;) {
    // The deadline index finds each batch without scanning the table.
    const batch = await db.session.findMany({
      where: { expiresAt: { lt: cutoff } },
      select: { id: true },
      take: batchSize,
    });
    if (batch.length === 0) return deleted;
    const { count } = await db.session.deleteMany({ where: { id: { in: batch.map((row) => row.id) } } });
    deleted += count;
    if (batch.length < batchSize) return deleted;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/**
 * Runs the cleanup on a timer inside this server. Several instances may each run it: a row is
 * deleted once, whoever gets there first. A failed run (the database away) waits for the next.
 */
export function scheduleSessionCleanup(): void {
  const minutes = serverEnv().SESSION_CLEANUP_INTERVAL_MINUTES;
  if (minutes === 0) return;
  const timer = setInterval(() => {
    deleteExpiredSessions({ now: new Date() }).catch((error: Error) => {
      console.warn(`[vaultline] session cleanup failed, next run in ${minutes} min: ${error.message.split("\n")[0]}`);
    });
  }, minutes * 60_000);
  timer.unref();
}
