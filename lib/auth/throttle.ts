// Sign-in attempt limits (values and reasons in throttle-policy.ts), shared by the web form and
// the JSON API because both sign in through verifyCredentials. Failures are rows in the
// database, so the limits hold across restarts and across every server process.
//
// An attempt is recorded *before* its password is checked and counts as a failure until it
// succeeds: a burst of parallel guesses cannot all pass the check before any of them is counted.
import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { SIGN_IN_THROTTLE } from "./throttle-policy";

const MINUTE_MS = 60_000;

export type SignInAttempt = { id: string; emailHash: string; ip: string | null; at: Date };

type Limits = { windowMinutes: number; lockoutMinutes: number };

/** Emails are compared by hash: the table never holds what was typed into the email field. */
function hashEmail(email: string): string {
  return createHash("sha256").update(email).digest("hex");
}

/**
 * The decision, free of I/O: given the most recent failures (newest first), how many seconds
 * until a new attempt may be checked? Locked when `limit` failures fell within one window and
 * the newest of them is less than the lockout old.
 */
export function lockoutSeconds(
  failuresNewestFirst: Date[],
  limit: number,
  now: Date,
  limits: Limits = SIGN_IN_THROTTLE,
): number {
  const newest = failuresNewestFirst[0];
  const oldestCounted = failuresNewestFirst[limit - 1];
  if (!newest || !oldestCounted) return 0;
  if (newest.getTime() - oldestCounted.getTime() > limits.windowMinutes * MINUTE_MS) return 0;
  const unlockAtMs = newest.getTime() + limits.lockoutMinutes * MINUTE_MS;
  return Math.max(0, Math.ceil((unlockAtMs - now.getTime()) / 1000));
}

/** Records the attempt as a failure until proven otherwise (see the header). */
export async function beginSignInAttempt(
  email: string,
  ip: string | null,
  now: Date = new Date(),
): Promise<SignInAttempt> {
  const emailHash = hashEmail(email);
  const row = await db.signInFailure.create({ data: { emailHash, ip, createdAt: now } });
  return { id: row.id, emailHash, ip, at: now };
}

/** Seconds this attempt must wait (0: go ahead), by the per-email and the per-address limit. */
export async function throttledFor(attempt: SignInAttempt): Promise<number> {
  const { maxFailuresPerEmail, maxFailuresPerIp } = SIGN_IN_THROTTLE;
  const [byEmail, byIp] = await Promise.all([
    failuresBefore(attempt, { emailHash: attempt.emailHash }, maxFailuresPerEmail),
    attempt.ip ? failuresBefore(attempt, { ip: attempt.ip }, maxFailuresPerIp) : [],
  ]);
  return Math.max(
    lockoutSeconds(byEmail, maxFailuresPerEmail, attempt.at),
    lockoutSeconds(byIp, maxFailuresPerIp, attempt.at),
  );
}

async function failuresBefore(
  attempt: SignInAttempt,
  where: { emailHash: string } | { ip: string },
  limit: number,
): Promise<Date[]> {
  const { windowMinutes, lockoutMinutes } = SIGN_IN_THROTTLE;
  const since = new Date(attempt.at.getTime() - (windowMinutes + lockoutMinutes) * MINUTE_MS);
  const rows = await db.signInFailure.findMany({
    where: { ...where, id: { not: attempt.id }, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

/** A refused attempt was never checked: it must not extend the lockout. */
export async function discardSignInAttempt(attempt: SignInAttempt): Promise<void> {
  await db.signInFailure.deleteMany({ where: { id: attempt.id } });
}

/** The right password: the email's count starts again (NIST counts consecutive failures). */
export async function clearSignInFailures(attempt: SignInAttempt): Promise<void> {
  await db.signInFailure.deleteMany({ where: { emailHash: attempt.emailHash } });
}
