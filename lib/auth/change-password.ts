// A password change, end to end: store the new hash, end every other session and API token of
// the user (lib/session/revoke.ts), and give this device a new session ID.
import "server-only";
import { db } from "@/lib/db";
import { recordEvent } from "@/lib/session/events";
import { rotateCurrentSession } from "@/lib/session/lifecycle";
import { requestInfo } from "@/lib/session/request";
import { revokeAfterPasswordChange } from "@/lib/session/revoke";
import type { SessionWithUser } from "@/lib/session/store";
import { hashPassword } from "./password";

/** Call only after the current password was checked. Returns how many other sessions ended. */
export async function changePassword(session: SessionWithUser, newPassword: string): Promise<number> {
  const now = new Date();
  await db.user.update({
    where: { id: session.userId },
    data: { passwordHash: await hashPassword(newPassword), passwordChangedAt: now },
  });
  const ended = await revokeAfterPasswordChange(session);
  const rotated = await rotateCurrentSession(session, "password_change", { authenticatedAt: now });
  await recordEvent({
    type: "password_changed",
    userId: session.userId,
    tokenHash: rotated?.session.tokenHash ?? session.tokenHash,
    request: await requestInfo(),
    detail: { otherSessionsEnded: ended },
  });
  return ended;
}
