// Sign-in and sign-out: where a session begins and ends. Each holds one defense a trainer can
// point at: a fresh ID at sign-in (fixation) and ending the session on the server (sign-out).
import { flawOn } from "@/lib/lab/flaws";
import { clearSessionCookie, readSessionCookie, setSessionCookie } from "./cookies";
import { recordEvent } from "./events";
import { requestInfo } from "./request";
import { createSession, endSession, findSessionByHash } from "./store";
import { generateSessionToken, hashToken, isWellFormedToken } from "./tokens";

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

/** Sign-out: ends the session on the server, then clears the cookie. */
export async function endWebSession(): Promise<void> {
  const token = await readSessionCookie();
  if (token && isWellFormedToken(token)) {
    // LAB FLAW no-server-logout: only the cookie is cleared; a copied ID keeps working.
    if (!flawOn("no-server-logout")) await endSessionOnServer(token);
  }
  await clearSessionCookie();
}

async function endSessionOnServer(token: string): Promise<void> {
  const tokenHash = hashToken(token);
  const session = await findSessionByHash(tokenHash);
  if (!session || session.endedAt) return;
  await endSession(session.id, "signed_out", new Date());
  await recordEvent({ type: "sign_out", userId: session.userId, tokenHash, request: await requestInfo() });
}
