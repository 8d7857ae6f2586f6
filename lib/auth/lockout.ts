// The sign-in hard stop as the admin panel sees it: an account whose consecutive failures reached
// the stop (throttle.ts decides from the failure rows) is marked locked, with an event, and only
// an administrator's unlock lets it sign in again (Vaultline has no password-reset flow).
import "server-only";
import { db } from "@/lib/db";
import { recordEvent } from "@/lib/session/events";
import type { RequestInfo } from "@/lib/session/request";
import { SIGN_IN_THROTTLE } from "./throttle-policy";
import { clearSignInFailures, hashEmail } from "./throttle";

/** Marks the account locked; the event is written once, by whichever attempt marked it. */
export async function lockAccount(userId: string, request: RequestInfo): Promise<void> {
  const { count } = await db.user.updateMany({ where: { id: userId, lockedAt: null }, data: { lockedAt: new Date() } });
  if (count === 0) return;
  const { hardStopFailures } = SIGN_IN_THROTTLE.account;
  await recordEvent({ type: "account_locked", userId, request, detail: { failures: hardStopFailures } });
}

/** Lifts the hard stop: the failures are forgotten, so the count starts again from zero. */
export async function unlockAccount(userId: string, by: string, request: RequestInfo): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return;
  await clearSignInFailures({ emailHash: hashEmail(user.email) });
  const { count } = await db.user.updateMany({
    where: { id: userId, lockedAt: { not: null } },
    data: { lockedAt: null },
  });
  if (count > 0) await recordEvent({ type: "account_unlocked", userId, request, detail: { by } });
}
