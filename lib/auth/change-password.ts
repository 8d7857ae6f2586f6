// A password change, end to end: hash the new password, then commit it with a new credential
// generation, every other session and API token of the user ended, and a new session ID for this
// device, all in one transaction (lib/session/revoke.ts).
import "server-only";
import { recordEvent } from "@/lib/session/events";
import { requestInfo } from "@/lib/session/request";
import { commitPasswordChange } from "@/lib/session/revoke";
import type { SessionWithUser } from "@/lib/session/store";
import { hashPassword } from "./password";

/** Call only after the current password was checked. Returns how many other sessions ended. */
export async function changePassword(session: SessionWithUser, newPassword: string): Promise<number> {
  const { othersEnded, rotated } = await commitPasswordChange(session, await hashPassword(newPassword));
  await recordEvent({
    type: "password_changed",
    userId: session.userId,
    tokenHash: rotated?.session.tokenHash ?? session.tokenHash,
    request: await requestInfo(),
    detail: { otherSessionsEnded: othersEnded },
  });
  return othersEnded;
}
