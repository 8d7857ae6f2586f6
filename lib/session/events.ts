// Security events: the audit trail the session module writes. A session appears only as the
// fingerprint of its hash; tokens and passwords never reach this table (or any log).
import { db } from "@/lib/db";
import { fingerprint } from "./tokens";
import type { RequestInfo } from "./request";

export type SecurityEventType =
  | "sign_in_success"
  | "sign_in_failure"
  | "sign_out"
  | "session_ended";

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
