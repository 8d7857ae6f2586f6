// Validation: is this token a live session allowed on a page of this tier, right now?
// Returns a union rather than throwing, with the same reason words the UI, the security
// events and the test names use.
import { flawOn } from "@/lib/lab/flaws";
import { recordEvent } from "./events";
import { sessionPolicy, type SessionPolicy, type Tier, TIERS } from "./policy";
import type { RequestInfo } from "./request";
import {
  END_REASONS,
  endFamily,
  endSession,
  findSessionByHash,
  touchSession,
  type ClientType,
  type EndReason,
  type SessionWithUser,
} from "./store";
import { hashToken, isWellFormedToken } from "./tokens";

export type InvalidReason = "missing" | EndReason | "ended";

export type Validation =
  | { ok: true; session: SessionWithUser }
  | { ok: false; reason: InvalidReason };

type Check = { ok: true } | { ok: false; reason: InvalidReason; endNow: EndReason | null };

const MINUTE_MS = 60_000;

/** The policy decision, free of database I/O so unit tests can walk every boundary. */
export function checkSession(
  session: SessionWithUser,
  tier: Tier,
  now: Date,
  policy: SessionPolicy,
): Check {
  if (session.endedAt) return { ok: false, reason: endedReason(session.endReason), endNow: null };
  if (session.user.disabledAt) return { ok: false, reason: "disabled", endNow: "disabled" };
  // LAB FLAW no-absolute-timeout: a session kept busy lives forever.
  if (!flawOn("no-absolute-timeout") && now >= session.expiresAt) {
    return { ok: false, reason: "absolute", endNow: "absolute" };
  }
  const idleMs = now.getTime() - session.lastSeenAt.getTime();
  // LAB FLAW no-idle-timeout: only the browser's warning knows about inactivity.
  if (!flawOn("no-idle-timeout") && idleMs > policy.idleTimeoutMinutes[tier] * MINUTE_MS) {
    return { ok: false, reason: "idle", endNow: "idle" };
  }
  return { ok: true };
}

function endedReason(reason: string | null): InvalidReason {
  return END_REASONS.find((r) => r === reason) ?? "ended";
}

/** The higher of two tiers: the session remembers the most sensitive area it entered. */
function higherTier(a: string, b: Tier): Tier {
  const index = Math.max(TIERS.indexOf(a as Tier), TIERS.indexOf(b));
  return TIERS[index] ?? b;
}

function isTouchDue(session: SessionWithUser, tier: Tier, now: Date, policy: SessionPolicy): boolean {
  const sinceMs = now.getTime() - session.lastSeenAt.getTime();
  return sinceMs >= policy.lastSeenWriteIntervalSeconds * 1000 || higherTier(session.tierReached, tier) !== session.tierReached;
}

export async function validateSessionToken(
  token: string | undefined,
  tier: Tier,
  options: { now: Date; background: boolean; request: RequestInfo; client: ClientType },
): Promise<Validation> {
  if (!token || !isWellFormedToken(token)) return { ok: false, reason: "missing" };
  const tokenHash = hashToken(token);
  const session = await findSessionByHash(tokenHash);
  // A token only works on its own transport: a cookie session is not an API bearer token, and
  // an API token in a cookie is refused, so a cross-site page cannot ride a cookie into the API.
  if (!session || session.clientType !== options.client) return { ok: false, reason: "missing" };
  if (session.endReason === "rotated") {
    // LAB FLAW no-reuse-detection: a rotated-out ID keeps working, and nobody is told.
    if (flawOn("no-reuse-detection")) return { ok: true, session };
    return refuseRotatedOutId(session, options);
  }

  const policy = sessionPolicy();
  const check = checkSession(session, tier, options.now, policy);
  if (!check.ok) {
    if (check.endNow) {
      // Expiry is decided and enforced here, on the server: the cookie alone proves nothing.
      await endSession(session.id, check.endNow, options.now);
      await recordEvent({
        type: "session_ended",
        userId: session.userId,
        tokenHash,
        request: options.request,
        detail: { reason: check.endNow, tier },
      });
    }
    return { ok: false, reason: check.reason };
  }
  // Background requests (prefetch, status polls) must never keep a session alive.
  if (!options.background && isTouchDue(session, tier, options.now, policy)) {
    const tierReached = higherTier(session.tierReached, tier);
    await touchSession(session.id, options.now, tierReached);
    return { ok: true, session: { ...session, lastSeenAt: options.now, tierReached } };
  }
  return { ok: true, session };
}

/**
 * A rotated-out ID presented again. Within a few seconds of the rotation it is a request that
 * was already in flight (another tab's poll): refused, nothing more. Later it can only be a
 * copy of the old cookie: a theft signal, so the whole family ends (thief and victim alike) and
 * a security event is recorded. The victim's next request says why.
 */
async function refuseRotatedOutId(session: SessionWithUser, options: { now: Date; request: RequestInfo }): Promise<Validation> {
  const sinceRotationMs = options.now.getTime() - (session.endedAt?.getTime() ?? 0);
  if (sinceRotationMs <= sessionPolicy().rotationGraceSeconds * 1000) return { ok: false, reason: "rotated" };
  const ended = await endFamily(session.familyId, "reused", options.now);
  await recordEvent({
    type: "reuse_detected",
    userId: session.userId,
    tokenHash: session.tokenHash,
    request: options.request,
    detail: { sessionsEnded: ended },
  });
  return { ok: false, reason: "reused" };
}
