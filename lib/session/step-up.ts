// Step-up re-authentication: money transfers, admin entry and ending sessions need the password
// entered within the last few minutes (policy: stepUpFreshnessMinutes), like GitHub's sudo mode.
// The freshness is a fact about the server-side session, never a flag the browser could set.
import "server-only";
import { verifyUserPassword } from "@/lib/auth/password";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { db } from "@/lib/db";
import { reportAttack } from "@/lib/lab/outcomes";
import { markSteppedUpHere, reportBorrowedStepUp } from "@/lib/lab/step-up";
// END LAB ONLY
import { asInvalidReason, type InvalidReason } from "./end-reasons";
import { recordEvent } from "./events";
import { rotateCurrentSession } from "./lifecycle";
import { sessionPolicy } from "./policy";
import { requestInfo } from "./request";
import {
  endSession,
  findEndReason,
  findStepUpTimes,
  markAuthenticated,
  reservePasswordAttempt,
  writePasswordFailures,
  type SessionWithUser,
} from "./store";

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: "wrong_password"; attemptsLeft: number }
  /** The session has ended (too many wrong passwords, or meanwhile for another reason). */
  | { ok: false; reason: InvalidReason };

export type StepUpResult =
  /** token: the new ID after rotation (API clients return it in the body); null if unchanged. */
  | { ok: true; session: SessionWithUser; token: string | null }
  | Exclude<PasswordCheck, { ok: true }>
  /** The family used its step-ups for the hour (stepUpsPerFamilyPerHour); nothing was checked. */
  | { ok: false; reason: "step_up_limit"; retryAfterSeconds: number };

const HOUR_MS = 3_600_000;

/** What the web form and the API say when a family's step-ups for the hour are used up. */
export function stepUpLimitMessage(): string {
  return `This session has confirmed its password ${sessionPolicy().stepUpsPerFamilyPerHour} times in the last hour, the most allowed. Try again later, or sign out and sign in again.`;
}

/** Until when the last password entry (sign-in or step-up) allows sensitive actions. */
export function stepUpFreshUntil(session: Pick<SessionWithUser, "authenticatedAt">): Date {
  return new Date(session.authenticatedAt.getTime() + sessionPolicy().stepUpFreshnessMinutes * 60_000);
}

/** True when the password was entered (sign-in or step-up) recently enough for a sensitive action. */
export function isFreshlyAuthenticated(session: SessionWithUser, now: Date = new Date()): boolean {
  return now <= stepUpFreshUntil(session);
}

/**
 * Checks the password typed into a signed-in session (step-up, password change). The attempt
 * is counted *before* the password is checked, in one conditional write that succeeds only under
 * the limit, so a hijacked session cannot guess online, not even with many requests at once:
 * at most the limit's worth of passwords is ever checked, and every answer after the limit is
 * the same whatever the password was.
 */
export async function checkSessionPassword(session: SessionWithUser, password: string): Promise<PasswordCheck> {
  const limit = passwordAttemptLimit();
  if (flawOn("attempt-race")) return checkThenCount(session, password, limit);
  // Counted before bcrypt runs, in one conditional write: guesses sent at once cannot all read
  // a count under the limit, so at most `limit` passwords are ever checked.
  const attempt = await reservePasswordAttempt(session.id, limit);
  // LAB ONLY
  if (attempt === null) await reportAttack("attempt-race", "blocked", STEP_UP_WORDS.raceBlocked);
  if (attempt !== null && attempt > sessionPolicy().stepUpMaxFailures)
    await reportAttack("no-login-throttle", "exploited", STEP_UP_WORDS.pastLimit(attempt));
  // END LAB ONLY
  if (attempt === null) return endAfterTooManyFailures(session);
  if (await verifyUserPassword(session.userId, password)) return { ok: true };
  await recordStepUpFailure(session, attempt);
  if (attempt < limit) return { ok: false, reason: "wrong_password", attemptsLeft: limit - attempt };
  return endAfterTooManyFailures(session);
}

/** A wrong step-up password, the session's `failures`th: the security log keeps each one. */
async function recordStepUpFailure(session: SessionWithUser, failures: number): Promise<void> {
  await recordEvent({
    type: "step_up_failure",
    userId: session.userId,
    tokenHash: session.tokenHash,
    request: await requestInfo(),
    detail: { failures },
  });
}

// LAB ONLY
/**
 * LAB FLAW attempt-race: the naive order. The count read when the request began is compared,
 * the password checked, and count + 1 written afterwards: guesses sent at once all see the same
 * count, all get checked, and overwrite each other's count, so the limit never arrives.
 */
async function checkThenCount(session: SessionWithUser, password: string, limit: number): Promise<PasswordCheck> {
  if (session.stepUpFailures >= limit) return endAfterTooManyFailures(session);
  const ok = await verifyUserPassword(session.userId, password);
  const attempt = session.stepUpFailures + 1;
  if (!ok) {
    await writePasswordFailures(session.id, attempt);
    await recordStepUpFailure(session, attempt);
  }
  await reportCheckedPastLimit(session, ok);
  if (ok) return { ok: true };
  if (attempt < limit) return { ok: false, reason: "wrong_password", attemptsLeft: limit - attempt };
  return endAfterTooManyFailures(session);
}

/**
 * For the score board: the failures recorded so far, counted apart from the row this flaw
 * overwrites, say whether this password was checked past the limit (with no limit at all, that
 * flaw's doing).
 */
async function reportCheckedPastLimit(session: SessionWithUser, ok: boolean): Promise<void> {
  const failures = await stepUpFailuresSince(session);
  const limit = sessionPolicy().stepUpMaxFailures;
  if (ok ? failures < limit : failures <= limit) return;
  const flaw = flawOn("no-login-throttle") ? "no-login-throttle" : "attempt-race";
  await reportAttack(flaw, "exploited", STEP_UP_WORDS.pastLimit(ok ? failures + 1 : failures));
}

const STEP_UP_WORDS = {
  raceBlocked: "A step-up guess sent in a burst arrived past the attempt limit and was refused unchecked.",
  pastLimit: (n: number) => `A step-up password was checked as attempt ${n}, past the limit.`,
};

/** How many step-up failures the session's user has recorded since the session began. */
async function stepUpFailuresSince(session: SessionWithUser): Promise<number> {
  const { _sum } = await db.securityEvent.aggregate({
    where: { userId: session.userId, type: "step_up_failure", lastSeenAt: { gte: session.createdAt } },
    _sum: { count: true },
  });
  return _sum.count ?? 0;
}
// END LAB ONLY

export async function stepUp(session: SessionWithUser, password: string): Promise<StepUpResult> {
  // A correct password is never refused by the attempt limit, and each success rotates to a
  // row with no failures: without a budget one session could keep the bcrypt gate busy forever.
  // Checked before the password, so a step-up over budget costs no hash at all.
  const retryAfterSeconds = await stepUpBudgetWait(session, new Date());
  if (retryAfterSeconds > 0) return { ok: false, reason: "step_up_limit", retryAfterSeconds };
  const check = await checkSessionPassword(session, password);
  if (!check.ok) return check;
  const renewed = await renewAfterStepUp(session, new Date());
  // Ended between the check and the rotation (e.g. by parallel guesses reaching the limit):
  // answer with the session's end reason, exactly as the guesses after the limit are answered.
  if (!renewed) return { ok: false, reason: asInvalidReason(await findEndReason(session.id)) };
  await recordEvent({
    type: "step_up_success",
    userId: session.userId,
    tokenHash: renewed.session.tokenHash,
    request: await requestInfo(),
  });
  return { ok: true, ...renewed };
}

/**
 * Seconds until the family may step up again (0: now). Rotations end their predecessor, so a
 * family's step-ups succeed one after another and the count read here is never overtaken.
 */
async function stepUpBudgetWait(session: SessionWithUser, now: Date): Promise<number> {
  const budget = sessionPolicy().stepUpsPerFamilyPerHour;
  const times = await findStepUpTimes(session.familyId, new Date(now.getTime() - HOUR_MS));
  const oldestCounted = times[times.length - budget];
  if (times.length < budget || !oldestCounted) return 0;
  return Math.max(1, Math.ceil((oldestCounted.getTime() + HOUR_MS - now.getTime()) / 1000));
}

export type FreshAuth =
  | { status: "fresh"; session: SessionWithUser }
  | { status: "password-needed"; message?: string }
  | { status: "ended"; reason: InvalidReason };

/**
 * For a sensitive web action: fresh already, or the password in the submitted form makes it
 * fresh (rotating the session), or the form must ask for the password.
 */
export async function confirmFreshAuth(session: SessionWithUser, password: string | null): Promise<FreshAuth> {
  if (isFreshlyAuthenticated(session)) {
    // LAB ONLY
    await reportBorrowedStepUp(session);
    // END LAB ONLY
    return { status: "fresh", session };
  }
  if (!password) return { status: "password-needed" };
  const result = await stepUp(session, password);
  if (result.ok) return { status: "fresh", session: result.session };
  if (result.reason === "step_up_limit") return { status: "password-needed", message: stepUpLimitMessage() };
  if (result.reason !== "wrong_password") return { status: "ended", reason: result.reason };
  return {
    status: "password-needed",
    message: `That password is not right. ${attemptsLeftText(result.attemptsLeft)} left.`,
  };
}

export function attemptsLeftText(attemptsLeft: number): string {
  return attemptsLeft === 1 ? "1 attempt" : `${attemptsLeft} attempts`;
}

async function renewAfterStepUp(
  session: SessionWithUser,
  now: Date,
): Promise<{ session: SessionWithUser; token: string | null } | null> {
  // LAB FLAW no-rotation-on-step-up: the same ID now carries a fresh password entry, so anyone
  // who copied it before the step-up can move money with it.
  if (flawOn("no-rotation-on-step-up")) {
    await markAuthenticated(session.id, now);
    // LAB ONLY
    await markSteppedUpHere(session);
    // END LAB ONLY
    return { session: { ...session, authenticatedAt: now, stepUpFailures: 0 }, token: null };
  }
  // Defense: a privilege change gets a new ID; the old one is dead from this moment.
  return rotateCurrentSession(session, "step_up", { authenticatedAt: now });
}

function passwordAttemptLimit(): number {
  // LAB FLAW no-login-throttle: no limit, so a hijacked session can guess the password forever.
  return flawOn("no-login-throttle") ? Number.MAX_SAFE_INTEGER : sessionPolicy().stepUpMaxFailures;
}

// The limit is reached: the session ends (once, however many guesses arrive together), and
// every answer names the reason the session ended.
async function endAfterTooManyFailures(session: SessionWithUser): Promise<PasswordCheck> {
  if (await endSession(session.id, "step_up_failures", new Date())) {
    await recordEvent({
      type: "session_ended",
      userId: session.userId,
      tokenHash: session.tokenHash,
      request: await requestInfo(),
      detail: { reason: "step_up_failures" },
    });
  }
  return { ok: false, reason: asInvalidReason(await findEndReason(session.id)) };
}

/** The password field of a submitted form: absent or empty means "not given". */
export function formPassword(form: FormData): string | null {
  const value = form.get("password");
  return typeof value === "string" && value.length > 0 ? value : null;
}
