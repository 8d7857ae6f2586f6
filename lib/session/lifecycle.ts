// Sign-in, rotation and sign-out: where a session begins, changes its ID and ends. Each holds a
// defense a trainer can point at: a fresh ID at sign-in (fixation), a new ID with the old one
// dead at once (rotation), and ending the session on the server (sign-out).
import { flawOn } from "@/lib/lab/flaws";
import { clearSessionCookie, readSessionCookie, setSessionCookie } from "./cookies";
import { recordEvent } from "./events";
import { requestInfo } from "./request";
import {
  createSession,
  endSession,
  findSessionByHash,
  rotateSession,
  type RotationReason,
  type SessionWithUser,
} from "./store";
import { fingerprint, generateSessionToken, hashToken, isWellFormedToken } from "./tokens";

/** Starts an authenticated web session for a user whose password was just verified. */
export async function startWebSession(userId: string): Promise<void> {
  const token = await tokenForNewSession();
  const tokenHash = hashToken(token);
  const request = await requestInfo();
  await createSession({ userId, tokenHash, clientType: "web", request, now: new Date() });
  await setSessionCookie(token);
  await recordEvent({ type: "sign_in_success", userId, tokenHash, request });
}

async function tokenForNewSession(): Promise<string> {
  // LAB FLAW fixation: adopt the ID the browser already presented, so whoever planted it
  // before sign-in now holds an authenticated session.
  if (flawOn("fixation")) {
    const presented = await readSessionCookie();
    if (presented && isWellFormedToken(presented) && !(await findSessionByHash(hashToken(presented)))) {
      return presented;
    }
  }
  // Defense: every sign-in mints a brand-new ID; a pre-login ID is never upgraded.
  return generateSessionToken();
}

/**
 * Issues a new ID for the current session (step-up, later admin elevation and password change):
 * the old ID ends at once on the server, the browser gets the new cookie in this response, and
 * family, absolute deadline and tier carry over. Returns null if the session ended meanwhile.
 */
export async function rotateCurrentSession(
  session: SessionWithUser,
  reason: RotationReason,
  authenticatedAt: Date,
): Promise<SessionWithUser | null> {
  const token = generateSessionToken();
  const tokenHash = hashToken(token);
  const rotated = await rotateSession(session, { tokenHash, reason, now: new Date(), authenticatedAt });
  if (!rotated) return null;
  await setSessionCookie(token);
  await recordEvent({
    type: "session_rotated",
    userId: session.userId,
    tokenHash,
    request: await requestInfo(),
    detail: { reason, from: fingerprint(session.tokenHash) },
  });
  return { ...rotated, user: session.user };
}

/**
 * Sign-out: ends the session on the server, then clears the cookie. `idle` is the timeout
 * warning reaching zero in the browser: the user did not answer, so the session ends now.
 */
export async function endWebSession(reason: "signed_out" | "idle"): Promise<void> {
  const token = await readSessionCookie();
  if (token && isWellFormedToken(token)) {
    // LAB FLAW no-server-logout: only the cookie is cleared; a copied ID keeps working.
    if (!flawOn("no-server-logout")) await endSessionOnServer(token, reason);
  }
  await clearSessionCookie();
}

async function endSessionOnServer(token: string, reason: "signed_out" | "idle"): Promise<void> {
  const tokenHash = hashToken(token);
  const session = await findSessionByHash(tokenHash);
  if (!session || session.endedAt) return;
  await endSession(session.id, reason, new Date());
  await recordEvent({
    type: reason === "signed_out" ? "sign_out" : "session_ended",
    userId: session.userId,
    tokenHash,
    request: await requestInfo(),
    detail: reason === "signed_out" ? {} : { reason },
  });
}
