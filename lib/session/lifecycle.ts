// Sign-in, rotation and sign-out: where a session begins, changes its ID and ends. Each holds a
// defense a trainer can point at: IDs nobody can work out (weak tokens), a fresh ID at sign-in
// (fixation), a sign-in logged by its fingerprint, never its token (logs), a new ID with the old
// one dead at once (rotation), and ending the session on the server (sign-out).
import "server-only";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { labMode } from "@/lib/lab/flaws";
import { noteLogged } from "@/lib/lab/exposed-ids";
import { noteEnding, reportAttempt } from "@/lib/lab/outcomes";
// END LAB ONLY
import { clearSessionCookie, readSessionCookie, setSessionCookie } from "./cookies";
import { logger } from "@/lib/log";
import { recordEvent } from "./events";
import { requestInfo, type RequestInfo } from "./request";
import {
  createSessionWithinCap,
  endSession,
  findSessionByHash,
  rotateSession,
  withUserSessionsLocked,
  type ClientType,
  type RotationChanges,
  type RotationReason,
  type SessionWithUser,
} from "./store";
import type { Db } from "@/lib/db";
import type { Session } from "@/lib/generated/sqlite/client";
import { refuseRotatedOutId } from "./reuse";
import { fingerprint, generateSessionToken, guessableToken, hashToken, isWellFormedToken } from "./tokens";

/**
 * Who a new session is for: the user, and the credential generation read together with the
 * password hash that was checked (a password changed meanwhile makes the session dead on
 * arrival). The email is the account's.
 */
export type SessionOwner = { id: string; email: string; credentialGeneration: number };

/** Every ID the app issues (web and API sign-in, rotation) comes from here. */
function newSessionToken(
  // LAB ONLY: only the weak-token flaw reads the owner
  owner: Pick<SessionOwner, "email">,
  // END LAB ONLY
): string {
  // LAB FLAW weak-token: the ID is built from who signed in and when, so anyone can work out
  // anyone's.
  if (flawOn("weak-token")) return guessableToken(owner.email);
  return generateSessionToken();
}

/** Starts an authenticated web session for a user whose password was just verified. */
export async function startWebSession(owner: SessionOwner): Promise<void> {
  const presented = await readSessionCookie();
  // Defense: every sign-in mints a brand-new ID; a pre-login ID is never upgraded.
  // LAB FLAW fixation: adopt the ID the browser already presented, so whoever planted it
  // before sign-in now holds an authenticated session.
  const token =
    flawOn("fixation") && presented && (await isPlantable(presented))
      ? presented
      : newSessionToken(
          // LAB ONLY
          owner,
          // END LAB ONLY
        );
  // LAB ONLY
  if (presented && (token === presented || (labMode() && (await isPlantable(presented)))))
    await reportAttempt("fixation", FIXATION_WORDS);
  // END LAB ONLY
  // Defense: the session this browser held until now ends on the server. Its cookie is about
  // to be replaced, so nothing would ever sign it out, yet a copy of it would keep working.
  if (presented && presented !== token) await endSessionNamedBy(presented, "signed_out");
  await beginSession(owner, "web", token);
  await setSessionCookie(token);
}

/** Starts an API session (mobile client): the same store and policy, the token goes in the body. */
export async function startApiSession(owner: SessionOwner): Promise<{ token: string; session: Session }> {
  const token = newSessionToken(
    // LAB ONLY
    owner,
    // END LAB ONLY
  );
  return { token, session: await beginSession(owner, "api", token) };
}

async function beginSession(owner: SessionOwner, clientType: ClientType, token: string): Promise<Session> {
  const tokenHash = hashToken(token);
  const request = await requestInfo();
  const userId = owner.id;
  const { credentialGeneration } = owner;
  const { session, ended } = await createSessionWithinCap({
    userId,
    credentialGeneration,
    tokenHash,
    clientType,
    request,
    now: new Date(),
  });
  await recordEvent({ type: "sign_in_success", userId, tokenHash, request, detail: { client: clientType } });
  for (const old of ended) {
    await recordEvent({
      type: "session_ended",
      userId,
      tokenHash: old.tokenHash,
      request,
      detail: { reason: "session_limit" },
    });
  }
  logSignIn({ userId, clientType, token, tokenHash, request });
  return session;
}

/**
 * One line per sign-in in the server's output, for whoever runs it. The session is named as the
 * security events name it, by the fingerprint of its hash: a log is read by more people and
 * systems than the database, and kept longer.
 */
function logSignIn(signIn: {
  userId: string;
  clientType: ClientType;
  token: string;
  tokenHash: string;
  request: RequestInfo;
}): void {
  // LAB FLAW token-in-logs: the line carries the session token itself; whoever reads the logs
  // (an operator, a log service, a foothold on the log host) can replay it.
  const session = flawOn("token-in-logs") ? signIn.token : fingerprint(signIn.tokenHash);
  const { userId, clientType: client, request } = signIn;
  logger.info({ requestId: request.requestId, session, userId, client }, "sign-in");
  // LAB ONLY
  if (session === signIn.token) noteLogged(signIn.tokenHash);
  // END LAB ONLY
}

// LAB ONLY
const FIXATION_WORDS = {
  exploited: "Sign-in adopted an ID planted before it: whoever planted it is now signed in as the victim.",
  blocked: "Sign-in was handed an ID planted before it, and issued a fresh one instead.",
};

/** The fixation flaw adopts a presented ID when it is well formed and no session holds it yet. */
async function isPlantable(presented: string): Promise<boolean> {
  return isWellFormedToken(presented) && !(await findSessionByHash(hashToken(presented)));
}
// END LAB ONLY

/**
 * Issues a new ID for the current session (step-up, admin elevation, password change): the old
 * ID ends at once on the server and family, absolute deadline and tier carry over. A web
 * session gets the new cookie in this response; an API client gets the token to return in the
 * body. Returns null if the session ended meanwhile.
 */
export async function rotateCurrentSession(
  session: SessionWithUser,
  reason: RotationReason,
  changes: RotationChanges,
): Promise<RotatedSession | null> {
  const rotation = newRotation(session, reason);
  const rotated = await withUserSessionsLocked(session.userId, (tx) => rotation.write(tx, changes));
  return rotation.announce(rotated);
}

export type RotatedSession = { session: SessionWithUser; token: string };

/**
 * A rotation in two halves, for callers that must rotate inside a transaction of their own
 * holding the user's lock (admin elevation, password change): `write` in the transaction, then
 * `announce` once it has committed (the new cookie and the event never precede the commit).
 */
export function newRotation(session: SessionWithUser, reason: RotationReason) {
  const token = newSessionToken(
    // LAB ONLY
    session.user,
    // END LAB ONLY
  );
  const tokenHash = hashToken(token);
  const now = new Date();
  return {
    write: (tx: Db, changes: RotationChanges) => rotateSession(tx, session, { tokenHash, reason, now, changes }),
    async announce(rotated: Session | null): Promise<RotatedSession | null> {
      if (!rotated) return null;
      if (rotated.clientType === "web") await setSessionCookie(token);
      await recordEvent({
        type: "session_rotated",
        userId: session.userId,
        tokenHash,
        request: await requestInfo(),
        detail: { reason, from: fingerprint(session.tokenHash) },
      });
      return { session: { ...rotated, user: session.user }, token };
    },
  };
}

/**
 * Sign-out: ends the session on the server, then clears the cookie. `idle` is the timeout
 * warning reaching zero in the browser: the user did not answer, so the session ends now.
 */
export async function endWebSession(reason: "signed_out" | "idle"): Promise<void> {
  const token = await readSessionCookie();
  if (token) await endSessionByToken(token, reason);
  await clearSessionCookie();
}

/** Sign-out for any client (web sign-out, API DELETE): ends the session the token names. */
export async function endSessionByToken(token: string, reason: "signed_out" | "idle"): Promise<void> {
  // LAB ONLY
  noteEnding(hashToken(token), "no-server-logout");
  // END LAB ONLY
  // LAB FLAW no-server-logout: nothing ends on the server; a copied ID keeps working.
  if (flawOn("no-server-logout")) return;
  await endSessionNamedBy(token, reason);
}

async function endSessionNamedBy(token: string, reason: "signed_out" | "idle"): Promise<void> {
  if (!isWellFormedToken(token)) return;
  const tokenHash = hashToken(token);
  const session = await findSessionByHash(tokenHash);
  if (!session) return;
  // A rotated-out ID is a theft signal here as on every other request (reuse.ts): signing out
  // with a stolen old cookie, or signing in from the browser that holds it, must not hide it.
  if (session.endReason === "rotated" && !flawOn("no-reuse-detection")) {
    await refuseRotatedOutId(session, { now: new Date(), request: await requestInfo() });
    return;
  }
  if (session.endedAt) return;
  await endSession(session.id, reason, new Date());
  await recordEvent({
    type: reason === "signed_out" ? "sign_out" : "session_ended",
    userId: session.userId,
    tokenHash,
    request: await requestInfo(),
    detail: reason === "signed_out" ? {} : { reason },
  });
}
