// Security events: the audit trail the session module writes, the one writer of the table, and
// of the same events to the log (one JSON line each, for a SIEM). A session appears only as the
// fingerprint of its hash; tokens and passwords never reach this table (or any log).
//
// Bounded: a client can repeat a failure at will (a throttled sign-in costs the server no bcrypt),
// so identical failures within the aggregation window fold into one row with a count and the
// time last seen; client-supplied text is capped; rows older than the retention are deleted by
// the cleanup job (cleanup.ts).
import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { Session } from "@/lib/generated/sqlite/client";
import { logger } from "@/lib/log";
import { EVENT_FIELD_LIMITS, sessionPolicy } from "./policy";
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
  | "account_unlocked"
  | "cross_site_refused";

/** Each event type's name, as the admin panel's filter lists them (event-words.ts says each event in full). */
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
  cross_site_refused: "Request from another site refused",
};

/** Failures anyone can repeat at will: identical ones share a row (a flood is one row, counted). */
const AGGREGATED_TYPES: ReadonlySet<SecurityEventType> = new Set<SecurityEventType>([
  "sign_in_failure",
  "step_up_failure",
  "admin_access_denied",
  "cross_site_refused",
]);

const MINUTE_MS = 60_000;

export type EventInput = {
  type: SecurityEventType;
  userId?: string | null;
  tokenHash?: string | null;
  request?: RequestInfo;
  detail?: Record<string, string | number | boolean | null>;
};

type EventRow = {
  type: SecurityEventType;
  userId: string | null;
  sessionFingerprint: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: string;
};

export async function recordEvent(input: EventInput): Promise<void> {
  const now = new Date();
  const row = eventRow(input);
  const aggregateKey = AGGREGATED_TYPES.has(input.type) ? aggregationKey(row, input.detail, now) : null;
  if (aggregateKey) {
    // One statement, INSERT … ON CONFLICT ("aggregateKey") DO UPDATE, on PostgreSQL as on SQLite:
    // concurrent identical failures become increments of one row, never a second row or a lost
    // count (e2e/races/event-aggregation.spec.ts).
    await db.securityEvent.upsert({
      where: { aggregateKey },
      create: { ...row, aggregateKey, createdAt: now, lastSeenAt: now },
      update: { count: { increment: 1 }, lastSeenAt: now },
    });
  } else {
    await db.securityEvent.create({ data: { ...row, createdAt: now, lastSeenAt: now } });
  }
  logEvent(row, input.request?.requestId ?? null);
}

/** The same event for the log and the SIEM behind it: one JSON line, each occurrence, folded or not. */
function logEvent({ type, sessionFingerprint, detail, ...who }: EventRow, requestId: string | null): void {
  const fields = { requestId, session: sessionFingerprint, event: type, ...who, detail: JSON.parse(detail) as object };
  logger.info(fields, "security event");
}

/** The row as stored: the session by fingerprint, client text capped. */
function eventRow(input: EventInput): EventRow {
  return {
    type: input.type,
    userId: input.userId ?? null,
    sessionFingerprint: input.tokenHash ? fingerprint(input.tokenHash) : null,
    ip: input.request?.ip ?? null,
    userAgent: input.request?.userAgent?.slice(0, EVENT_FIELD_LIMITS.userAgentChars) ?? null,
    detail: JSON.stringify(cappedDetail(input.detail)),
  };
}

function cappedDetail(detail: EventInput["detail"] = {}): NonNullable<EventInput["detail"]> {
  return Object.fromEntries(
    Object.entries(detail).map(([name, value]) => [
      name,
      typeof value === "string" ? value.slice(0, EVENT_FIELD_LIMITS.detailValueChars) : value,
    ]),
  );
}

/**
 * What makes two failures the same: type, user, session, address and reason, within one window.
 * Not the user agent or a path, which the client chooses: varying them must not defeat folding.
 */
function aggregationKey(row: EventRow, detail: EventInput["detail"], now: Date): string {
  const windowMs = sessionPolicy().eventAggregationWindowMinutes * MINUTE_MS;
  const reason = detail?.reason ?? null;
  const window = Math.floor(now.getTime() / windowMs);
  const parts = [row.type, row.userId, row.sessionFingerprint, row.ip, reason, window];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

export async function listUserEvents(userId: string, limit = 50) {
  return db.securityEvent.findMany({
    where: { userId },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
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
