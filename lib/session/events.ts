// Security events: the audit trail the session module writes. A session appears only as the
// fingerprint of its hash; tokens and passwords never reach this table (or any log).
import "server-only";
import { db } from "@/lib/db";
import type { Session } from "@/lib/generated/sqlite/client";
import { fingerprint } from "./tokens";
import type { RequestInfo } from "./request";

export type SecurityEventType =
  | "sign_in_success"
  | "sign_in_failure"
  | "sign_out"
  | "session_ended"
  | "step_up_success"
  | "step_up_failure"
  | "session_rotated"
  | "reuse_detected"
  | "password_changed"
  | "sessions_revoked"
  | "admin_elevated"
  | "admin_elevation_refused"
  | "admin_access_denied"
  | "admin_setting_changed"
  | "user_disabled"
  | "account_locked"
  | "account_unlocked";

/** What each event means, in the words the security page shows. */
export const EVENT_LABELS: Record<SecurityEventType, string> = {
  sign_in_success: "Signed in",
  sign_in_failure: "Failed sign-in attempt",
  sign_out: "Signed out",
  session_ended: "Session ended",
  step_up_success: "Password confirmed",
  step_up_failure: "Wrong password at confirmation",
  session_rotated: "Session renewed with a new ID",
  reuse_detected: "Old session ID reused: all sessions of that sign-in ended",
  password_changed: "Password changed",
  sessions_revoked: "Sessions ended",
  admin_elevated: "Entered the admin panel",
  admin_elevation_refused: "Admin panel refused: open elsewhere",
  admin_access_denied: "Admin panel refused: not an administrator",
  admin_setting_changed: "Admin setting changed",
  user_disabled: "Account disabled",
  account_locked: "Account locked: too many failed sign-ins",
  account_unlocked: "Account unlocked by an administrator",
};

/** The reason an event's detail carries, if any (e.g. why a session ended). */
export function eventReason(detail: string): string | null {
  const parsed = JSON.parse(detail) as { reason?: unknown };
  return typeof parsed.reason === "string" ? parsed.reason : null;
}

export type EventInput = {
  type: SecurityEventType;
  userId?: string | null;
  tokenHash?: string | null;
  request?: RequestInfo;
  detail?: Record<string, string | number | boolean | null>;
};

export async function recordEvent(input: EventInput): Promise<void> {
  await db.securityEvent.create({
    data: {
      type: input.type,
      userId: input.userId ?? null,
      sessionFingerprint: input.tokenHash ? fingerprint(input.tokenHash) : null,
      ip: input.request?.ip ?? null,
      userAgent: input.request?.userAgent ?? null,
      detail: JSON.stringify(input.detail ?? {}),
    },
  });
}

export async function listUserEvents(userId: string, limit = 50) {
  return db.securityEvent.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}

/** Events of every ID this sign-in has had (its rotation family), oldest first. */
export async function listFamilyEvents(session: Pick<Session, "userId" | "familyId">, limit = 30) {
  const family = await db.session.findMany({ where: { familyId: session.familyId }, select: { tokenHash: true } });
  return db.securityEvent.findMany({
    where: { userId: session.userId, sessionFingerprint: { in: family.map((s) => fingerprint(s.tokenHash)) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}
