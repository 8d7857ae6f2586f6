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

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: "wrong_password"; attemptsLeft: number }
  | { ok: false; reason: "step_up_failures" };

export type StepUpResult =
  /** token: the new ID after rotation (API clients return it in the body); null if unchanged. */
  | { ok: true; session: SessionWithUser; token: string | null }
  | Exclude<PasswordCheck, { ok: true }>
  | { ok: false; reason: "ended" };

/** Until when the last password entry (sign-in or step-up) allows sensitive actions. */
export function stepUpFreshUntil(session: Pick<SessionWithUser, "authenticatedAt">): Date {
  return new Date(session.authenticatedAt.getTime() + sessionPolicy().stepUpFreshnessMinutes * 60_000);
}

/** True when the password was entered (sign-in or step-up) recently enough for a sensitive action. */
export function isFreshlyAuthenticated(session: SessionWithUser, now: Date = new Date()): boolean {
  return now <= stepUpFreshUntil(session);
}

/**
 * Checks the password typed into a signed-in session (step-up, password change). Wrong
 * entries count against the session, so a hijacked session cannot guess the password online.
 */
export async function checkSessionPassword(session: SessionWithUser, password: string): Promise<PasswordCheck> {
  if (await verifyPassword(password, session.user.passwordHash)) return { ok: true };
  return failStepUp(session);
}

export async function stepUp(session: SessionWithUser, password: string): Promise<StepUpResult> {
  const check = await checkSessionPassword(session, password);
  if (!check.ok) return check;
  const renewed = await renewAfterStepUp(session, new Date());
  if (!renewed) return { ok: false, reason: "ended" };
  await recordEvent({ type: "step_up_success", userId: session.userId, tokenHash: renewed.session.tokenHash, request: await requestInfo() });
  return { ok: true, ...renewed };
}

export type FreshAuth =
  | { status: "fresh"; session: SessionWithUser }
  | { status: "password-needed"; message?: string }
  | { status: "ended"; reason: "step_up_failures" | "ended" };

/**
 * For a sensitive web action: fresh already, or the password in the submitted form makes it
 * fresh (rotating the session), or the form must ask for the password.
 */
export async function confirmFreshAuth(session: SessionWithUser, password: string | null): Promise<FreshAuth> {
  if (isFreshlyAuthenticated(session)) return { status: "fresh", session };
  if (!password) return { status: "password-needed" };
  const result = await stepUp(session, password);
  if (result.ok) return { status: "fresh", session: result.session };
  if (result.reason !== "wrong_password") return { status: "ended", reason: result.reason };
  const left = result.attemptsLeft === 1 ? "1 attempt" : `${result.attemptsLeft} attempts`;
  return { status: "password-needed", message: `That password is not right. ${left} left.` };
}

async function renewAfterStepUp(session: SessionWithUser, now: Date): Promise<{ session: SessionWithUser; token: string | null } | null> {
  // LAB FLAW no-rotation-on-step-up: the same ID now carries a fresh password entry, so anyone
  // who copied it before the step-up can move money with it.
  if (flawOn("no-rotation-on-step-up")) {
    await markAuthenticated(session.id, now);
    return { session: { ...session, authenticatedAt: now, stepUpFailures: 0 }, token: null };
  }
  // Defense: a privilege change gets a new ID; the old one is dead from this moment.
  return rotateCurrentSession(session, "step_up", { authenticatedAt: now });
}

// Online guessing through a hijacked session is capped: at the limit the session ends.
async function failStepUp(session: SessionWithUser): Promise<Exclude<PasswordCheck, { ok: true }>> {
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

/** The password field of a submitted form: absent or empty means "not given". */
export function formPassword(form: FormData): string | null {
  const value = form.get("password");
  return typeof value === "string" && value.length > 0 ? value : null;
}
