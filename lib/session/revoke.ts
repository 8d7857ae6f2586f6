// Ending sessions on someone's behalf: after a password change, from the sessions page, by an
// administrator, and when an account is disabled. Web and API sessions are the same rows, so
// every path here ends both; each ended session learns why on its very next request.
import "server-only";
import { flawOn } from "@/lib/lab/flaws";
import { recordEvent } from "./events";
import { requestInfo } from "./request";
import { endOwnSession, endUserSessions, type EndReason, type SessionWithUser } from "./store";

/** Password changed: every other session and API token of the user ends at once. */
export async function revokeAfterPasswordChange(current: SessionWithUser): Promise<number> {
  // LAB FLAW no-revoke-on-password-change: a thief's session survives the victim's new password.
  if (flawOn("no-revoke-on-password-change")) return 0;
  return revokeUserSessions(current.userId, "password_changed", current.id);
}

/** "Sign out everywhere else" on the sessions page. */
export async function revokeOtherSessions(current: SessionWithUser): Promise<number> {
  return revokeUserSessions(current.userId, "revoked", current.id);
}

/** Ends every session of a user (admin "end all", disabling an account). */
export async function revokeUserSessions(userId: string, reason: EndReason, exceptId?: string): Promise<number> {
  const ended = await endUserSessions(userId, reason, new Date(), exceptId);
  if (ended > 0) {
    await recordEvent({
      type: "sessions_revoked",
      userId,
      request: await requestInfo(),
      detail: { reason, count: ended },
    });
  }
  return ended;
}

/** Ends one session of a user, named by its row ID (never by token). */
export async function revokeSession(userId: string, sessionId: string, reason: EndReason): Promise<boolean> {
  const ended = await endOwnSession(userId, sessionId, reason, new Date());
  if (ended) {
    await recordEvent({ type: "sessions_revoked", userId, request: await requestInfo(), detail: { reason, count: 1 } });
  }
  return ended;
}
