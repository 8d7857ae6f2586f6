// `npm run sessions:cleanup`: deletes the rows of sessions long past their absolute deadline and
// security events past their retention (lib/session/cleanup.ts), on the database DATABASE_URL names. Each server also runs it every
// SESSION_CLEANUP_INTERVAL_MINUTES; this is for a scheduler (cron, a Kubernetes CronJob) instead.
import { loadEnvFiles } from "../lib/env-files";
import { PROJECT_ROOT, runMain } from "./prisma-cli";

async function main(): Promise<void> {
  loadEnvFiles(PROJECT_ROOT);
  // Imported after the env files are read: the database client binds to DATABASE_URL on import.
  const { runCleanup } = await import("../lib/session/cleanup");
  const { db } = await import("../lib/db");
  const { sessions, events } = await runCleanup(new Date());
  await db.$disconnect();
  console.log(
    `Deleted ${sessions} expired session${sessions === 1 ? "" : "s"} and ${events} old security event${events === 1 ? "" : "s"}.`,
  );
}

runMain(main);
