// The sign-in failure rows (lib/auth/throttle.ts), for specs that simulate hours of guessing
// without waiting: they move an email's failures back in time, as other specs age sessions, or
// write the failures a long guessing campaign would have left.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";

const MINUTE_MS = 60_000;

function emailHash(email: string): string {
  return createHash("sha256").update(email).digest("hex");
}

/** Moves every failure of `email` `minutes` into the past. */
export async function ageSignInFailures(db: Db, email: string, minutes: number): Promise<void> {
  const rows = await db.signInFailure.findMany({ where: { emailHash: emailHash(email) } });
  for (const row of rows) {
    await db.signInFailure.update({
      where: { id: row.id },
      data: { createdAt: new Date(row.createdAt.getTime() - minutes * MINUTE_MS) },
    });
  }
}

/** Writes `count` failures of `email`, `minutesAgo` old, as earlier guesses would have. */
export async function addSignInFailures(db: Db, email: string, count: number, minutesAgo: number): Promise<void> {
  const createdAt = new Date(Date.now() - minutesAgo * MINUTE_MS);
  await db.signInFailure.createMany({
    data: Array.from({ length: count }, () => ({ emailHash: emailHash(email), createdAt })),
  });
}
