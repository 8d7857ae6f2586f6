// Reuse detection: a rotated-out ID presented again, at any door that accepts a session ID
// (every validated request, sign-out, and a sign-in from a browser still holding its old cookie).
import "server-only";
import { sessionPolicy } from "./policy";
import { recordEvent } from "./events";
import type { RequestInfo } from "./request";
import { endFamily, type SessionWithUser } from "./store";

/**
 * Within a few seconds of the rotation, a rotated-out ID is a request that was already in flight
 * (another tab's poll): refused, nothing more ("rotated"). Later it can only be a copy of the old
 * cookie or token: a theft signal, so the whole family ends (thief and victim alike) and a
 * security event is recorded ("reused"). The victim's next request says why.
 */
export async function refuseRotatedOutId(
  session: SessionWithUser,
  options: { now: Date; request: RequestInfo },
): Promise<"rotated" | "reused"> {
  const sinceRotationMs = options.now.getTime() - (session.endedAt?.getTime() ?? 0);
  if (sinceRotationMs <= sessionPolicy().rotationGraceSeconds * 1000) return "rotated";
  const ended = await endFamily(session.userId, session.familyId, "reused", options.now);
  await recordEvent({
    type: "reuse_detected",
    userId: session.userId,
    tokenHash: session.tokenHash,
    request: options.request,
    detail: { sessionsEnded: ended },
  });
  return "reused";
}
