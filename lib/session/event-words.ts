// Security events in words: one sentence for every event type and every reason it can carry,
// for the security page, the admin panel's log and the inspector's timeline. Internal codes
// (`step_up`, `admin_elevation`) stay in the database and the log, where programs read them;
// people read this. A type or rotation reason without its sentence does not compile.
import "server-only";
import { singleSessionModeWords } from "./admin";
import { loggedReason } from "./end-reasons";
import type { SecurityEventType } from "./events";
import type { RotationReason } from "./store";

type Detail = Record<string, unknown>;

const ROTATIONS: Record<RotationReason, string> = {
  step_up: "after the password was confirmed",
  password_change: "after the password was changed",
  admin_elevation: "on entering the admin panel",
};

// Why a sign-in failed (lib/auth/credentials.ts `failureReason`, and the throttle).
const SIGN_IN_FAILURES: Record<string, string> = {
  wrong_password: "Failed sign-in: wrong password",
  unknown_email: "Failed sign-in: no account has this email",
  locked: "Sign-in refused: the account is locked",
  disabled: "Sign-in refused: the account is disabled",
  throttled: "Sign-in refused: too many attempts, wait and try again",
};

const CROSS_SITE: Record<string, string> = {
  cross_site: "Request from another site refused",
  mismatched_host: "Request for another host name refused",
};

const plural = (count: unknown, one: string, many: string) => `${Number(count)} ${Number(count) === 1 ? one : many}`;

/** "Session ended" and why, when the reason has words; an unknown one is left out, never shown as a code. */
function withWhy(subject: string, why: string | null | undefined): string {
  return why ? `${subject} ${why}` : subject;
}

/** "Session ended by signing out". */
function ended(subject: string, reason: unknown): string {
  return withWhy(subject, typeof reason === "string" ? loggedReason(reason) : null);
}

const SENTENCES: Record<SecurityEventType, (detail: Detail) => string> = {
  sign_in_success: (d) => (d.client === "api" ? "Signed in from an API client" : "Signed in"),
  sign_in_failure: (d) => SIGN_IN_FAILURES[String(d.reason)] ?? "Failed sign-in",
  sign_out: () => "Signed out",
  session_ended: (d) => ended("Session ended", d.reason),
  step_up_success: () => "Password confirmed",
  step_up_failure: () => "Wrong password when asked to confirm it",
  session_rotated: (d) => withWhy("Session given a new ID", ROTATIONS[d.reason as RotationReason]),
  reuse_detected: (d) =>
    `An old copy of a session ID was used: ${plural(d.sessionsEnded ?? 0, "session", "sessions")} of that sign-in ended`,
  password_changed: (d) =>
    d.otherSessionsEnded
      ? `Password changed: ${plural(d.otherSessionsEnded, "other session", "other sessions")} signed out`
      : "Password changed",
  sessions_revoked: (d) => ended(plural(d.count ?? 1, "session", "sessions") + " ended", d.reason),
  admin_elevated: () => "Entered the admin panel",
  admin_elevation_refused: () => "Admin panel refused: it is open in another session",
  admin_access_denied: () => "Admin panel refused: not an administrator",
  admin_setting_changed: (d) =>
    `Admin sessions option changed from “${singleSessionModeWords(d.from).name}” to “${singleSessionModeWords(d.to).name}”`,
  user_disabled: (d) => (typeof d.by === "string" ? `Account disabled by ${d.by}` : "Account disabled"),
  account_locked: (d) =>
    d.failures ? `Account locked after ${plural(d.failures, "failed sign-in", "failed sign-ins")}` : "Account locked",
  account_unlocked: () => "Account unlocked by an administrator",
  cross_site_refused: (d) => CROSS_SITE[String(d.reason)] ?? "Request from another site refused",
};

/** What a stored event says, as a sentence; its detail is the stored JSON. */
export function describeEvent(type: string, detail: string): string {
  const sentence = SENTENCES[type as SecurityEventType];
  return sentence ? sentence(parseDetail(detail)) : "Security event";
}

function parseDetail(detail: string): Detail {
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed && typeof parsed === "object" ? (parsed as Detail) : {};
  } catch {
    return {};
  }
}
