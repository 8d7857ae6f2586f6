// Ending sessions on someone's behalf: after a password change, from the sessions page, by an
// administrator, and when an account is disabled. Web and API sessions are the same rows, so
// every path here ends both; each ended session learns why on its very next request. Each runs
// under the user's lock (store.ts), so a rotation committing at the same moment cannot slip past.
import "server-only";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { notePasswordChangeSurvivors } from "@/lib/lab/outcomes";
// END LAB ONLY
import { recordEvent } from "./events";
import { newRotation, type RotatedSession } from "./lifecycle";
import { requestInfo } from "./request";
import {
  endOwnSession,
  endSessionsExcept,
  endUserSessions,
  raiseCredentialGeneration,
  withUserSessionsLocked,
  type EndReason,
  type SessionWithUser,
} from "./store";

/**
 * A password change, in one transaction under the user's lock: the new hash and a new
 * credential generation (every session authenticated before it is dead from this commit, even
 * one whose sign-in is still in flight: validate.ts), every other session ended now, and this
 * device's session replaced by a new ID of the new generation. Call only after the current
 * password was checked. `rotated` is null if this session ended meanwhile.
 */
export async function commitPasswordChange(
  current: SessionWithUser,
  passwordHash: string,
): Promise<{ othersEnded: number; rotated: RotatedSession | null }> {
  const now = new Date();
  const rotation = newRotation(current, "password_change");
  const { othersEnded, rotated } = await withUserSessionsLocked(current.userId, async (tx) => {
    // LAB FLAW no-revoke-on-password-change: the hash changes, nothing else: every other session
    // (a thief's included) keeps its generation and stays live.
    if (flawOn("no-revoke-on-password-change")) {
      await tx.user.update({ where: { id: current.userId }, data: { passwordHash, passwordChangedAt: now } });
      // LAB ONLY
      await notePasswordChangeSurvivors(tx, current.userId, current.id);
      // END LAB ONLY
      return { othersEnded: 0, rotated: await rotation.write(tx, { authenticatedAt: now }) };
    }
    const newPassword = { hash: passwordHash, changedAt: now };
    const generation = await raiseCredentialGeneration(tx, current.userId, "password_changed", newPassword);
    return {
      othersEnded: await endSessionsExcept(tx, current.userId, "password_changed", now, current.id),
      rotated: await rotation.write(tx, { authenticatedAt: now, credentialGeneration: generation ?? undefined }),
    };
  });
  if (othersEnded > 0) await recordRevocation(current.userId, "password_changed", othersEnded);
  return { othersEnded, rotated: await rotation.announce(rotated) };
}

/** "Sign out everywhere else" on the sessions page. */
export async function revokeOtherSessions(current: SessionWithUser): Promise<number> {
  const ended = await endUserSessions(current.userId, "revoked", new Date(), { exceptId: current.id });
  if (ended > 0) await recordRevocation(current.userId, "revoked", ended);
  return ended;
}

/**
 * Ends every session of a user (admin "end all", disabling an account) and raises the user's
 * credential generation, so a sign-in or rotation in flight right now is dead when it lands.
 */
export async function revokeUserSessions(userId: string, reason: EndReason): Promise<number> {
  const ended = await endUserSessions(userId, reason, new Date(), { newGeneration: true });
  if (ended > 0) await recordRevocation(userId, reason, ended);
  return ended;
}

/** Ends one session of a user, named by its row ID (never by token). */
export async function revokeSession(userId: string, sessionId: string, reason: EndReason): Promise<boolean> {
  const ended = await endOwnSession(userId, sessionId, reason, new Date());
  if (ended) await recordRevocation(userId, reason, 1);
  return ended;
}

async function recordRevocation(userId: string, reason: EndReason, count: number): Promise<void> {
  await recordEvent({ type: "sessions_revoked", userId, request: await requestInfo(), detail: { reason, count } });
}
