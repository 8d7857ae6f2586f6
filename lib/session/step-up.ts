// Step-up re-authentication: money transfers (and later admin entry) need the password entered
// within the last few minutes (policy: stepUpFreshnessMinutes), like GitHub's sudo mode. The
// freshness is a fact about the server-side session, never a flag the browser could set.
import { verifyPassword } from "@/lib/auth/password";
import { flawOn } from "@/lib/lab/flaws";
import { recordEvent } from "./events";
import { rotateCurrentSession } from "./lifecycle";
import { sessionPolicy } from "./policy";
import { requestInfo } from "./request";
import { countStepUpFailure, endSession, markAuthenticated, type SessionWithUser } from "./store";

export type StepUpResult =
  /** token: the new ID after rotation (API clients return it in the body); null if unchanged. */
  | { ok: true; session: SessionWithUser; token: string | null }
  | { ok: false; reason: "wrong_password"; attemptsLeft: number }
  | { ok: false; reason: "step_up_failures" | "ended" };

/** True when the password was entered (sign-in or step-up) recently enough for a sensitive action. */
export function isFreshlyAuthenticated(session: SessionWithUser, now: Date = new Date()): boolean {
  const ageMs = now.getTime() - session.authenticatedAt.getTime();
  return ageMs <= sessionPolicy().stepUpFreshnessMinutes * 60_000;
}

export async function stepUp(session: SessionWithUser, password: string): Promise<StepUpResult> {
  if (!(await verifyPassword(password, session.user.passwordHash))) return failStepUp(session);
  const now = new Date();
  const renewed = await renewAfterStepUp(session, now);
  if (!renewed) return { ok: false, reason: "ended" };
  await recordEvent({ type: "step_up_success", userId: session.userId, tokenHash: renewed.session.tokenHash, request: await requestInfo() });
  return { ok: true, ...renewed };
}

async function renewAfterStepUp(session: SessionWithUser, now: Date): Promise<{ session: SessionWithUser; token: string | null } | null> {
  // LAB FLAW no-rotation-on-step-up: the same ID now carries a fresh password entry, so anyone
  // who copied it before the step-up can move money with it.
  if (flawOn("no-rotation-on-step-up")) {
    await markAuthenticated(session.id, now);
    return { session: { ...session, authenticatedAt: now, stepUpFailures: 0 }, token: null };
  }
  // Defense: a privilege change gets a new ID; the old one is dead from this moment.
  return rotateCurrentSession(session, "step_up", now);
}

// Online guessing through a hijacked session is capped: at the limit the session ends.
async function failStepUp(session: SessionWithUser): Promise<StepUpResult> {
  const failures = await countStepUpFailure(session.id);
  const { stepUpMaxFailures } = sessionPolicy();
  const request = await requestInfo();
  await recordEvent({ type: "step_up_failure", userId: session.userId, tokenHash: session.tokenHash, request, detail: { failures } });
  // LAB FLAW no-login-throttle: no limit, so a hijacked session can guess the password forever.
  if (flawOn("no-login-throttle") || failures < stepUpMaxFailures) return { ok: false, reason: "wrong_password", attemptsLeft: Math.max(stepUpMaxFailures - failures, 1) };
  await endSession(session.id, "step_up_failures", new Date());
  await recordEvent({ type: "session_ended", userId: session.userId, tokenHash: session.tokenHash, request, detail: { reason: "step_up_failures" } });
  return { ok: false, reason: "step_up_failures" };
}
