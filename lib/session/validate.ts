// Validation: is this token a live session allowed on a page of this tier, right now?
// Returns a union rather than throwing, with the same reason words the UI, the security
// events and the test names use.
import "server-only";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { labMode } from "@/lib/lab/flaws";
import { decidingFlaw, reportAttack, survivalOf, type Survival } from "@/lib/lab/outcomes";
import { reportClosedWayIn, reportExposedIdUsed } from "@/lib/lab/exposed-ids";
import { reportPreStepUpReplay } from "@/lib/lab/step-up";
// END LAB ONLY
import { asEndReason, asInvalidReason, type EndReason, type InvalidReason } from "./end-reasons";
import { recordEvent } from "./events";
import { isTierOpen, openTierAt } from "./liveness";
import { sessionPolicy, TOP_TIER, type SessionPolicy, type Tier } from "./policy";
import type { RequestInfo } from "./request";
import { refuseRotatedOutId } from "./reuse";
import { endSession, findSessionByHash, touchSession, type ClientType, type SessionWithUser } from "./store";
import { hashToken, isWellFormedToken } from "./tokens";

export type { InvalidReason };

export type Validation = { ok: true; session: SessionWithUser } | { ok: false; reason: InvalidReason };

type Check = { ok: true; openTier: Tier } | { ok: false; reason: InvalidReason; endNow: EndReason | null };

/** The policy decision, free of database I/O so unit tests can walk every boundary. */
export function checkSession(session: SessionWithUser, tier: Tier, now: Date, policy: SessionPolicy): Check {
  if (session.endedAt) return { ok: false, reason: asInvalidReason(session.endReason), endNow: null };
  if (session.user.disabledAt) return { ok: false, reason: "disabled", endNow: "disabled" };
  // LAB FLAW revocation-snapshot: revocation is only the sweep made at the moment of the change,
  // so a sign-in or rotation still in flight then lands afterwards as a live session.
  if (!flawOn("revocation-snapshot") && session.credentialGeneration !== session.user.credentialGeneration) {
    // Authenticated with credentials that have since changed (password change, admin "end all").
    const reason = asEndReason(session.user.generationEndReason) ?? "password_changed";
    return { ok: false, reason, endNow: reason };
  }
  // LAB FLAW no-absolute-timeout: a session kept busy lives forever.
  if (!flawOn("no-absolute-timeout") && now >= session.expiresAt) {
    // Entering the admin panel brought the deadline closer: the user is told which one passed.
    const reason = session.elevatedAt ? "admin_absolute" : "absolute";
    return { ok: false, reason, endNow: reason };
  }
  // LAB FLAW no-idle-timeout: only the browser's warning knows about inactivity.
  if (flawOn("no-idle-timeout")) return { ok: true, openTier: TOP_TIER };
  // The ceiling, not just this request's limit: a tier closed by an earlier gap stays closed.
  const openTier = openTierAt(session, now, policy);
  if (!isTierOpen(openTier, tier)) return { ok: false, reason: "idle", endNow: "idle" };
  return { ok: true, openTier: openTier ?? tier };
}

/** Activity is written at most once per interval, and at once when the gap closed a tier. */
function isTouchDue(session: SessionWithUser, openTier: Tier, now: Date, policy: SessionPolicy): boolean {
  const sinceMs = now.getTime() - session.lastSeenAt.getTime();
  return sinceMs >= policy.lastSeenWriteIntervalSeconds * 1000 || openTier !== session.openTier;
}

export async function validateSessionToken(
  token: string | undefined,
  tier: Tier,
  options: { now: Date; background: boolean; request: RequestInfo; client: ClientType },
): Promise<Validation> {
  // LAB ONLY
  if (token && !options.background) await reportClosedWayIn(token);
  // END LAB ONLY
  if (!token || !isWellFormedToken(token)) return { ok: false, reason: "missing" };
  const tokenHash = hashToken(token);
  const session = await findSessionByHash(tokenHash);
  // A token only works on its own transport: a cookie session is not an API bearer token, and
  // an API token in a cookie is refused, so a cross-site page cannot ride a cookie into the API.
  if (!session || session.clientType !== options.client) return { ok: false, reason: "missing" };
  // LAB FLAW no-reuse-detection: a rotated-out ID is judged like a live one (idle and absolute
  // limits still apply), so it keeps working, and nobody is told.
  if (session.endReason === "rotated" && !flawOn("no-reuse-detection")) {
    const reason = await refuseRotatedOutId(session, options);
    // LAB ONLY
    if (!options.background) await reportRefusedReplay(session, reason, tier);
    // END LAB ONLY
    return { ok: false, reason };
  }

  const policy = sessionPolicy();
  const judged = flawOn("no-reuse-detection") ? asLiveUnderReuseFlaw(session) : session;
  const check = checkSession(judged, tier, options.now, policy);
  // LAB ONLY
  if (!options.background)
    await reportToLab(token, session, check, () => checkSession(judged, tier, options.now, policy).ok);
  // END LAB ONLY
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
  // Background requests (prefetch, status polls) must never keep a session alive. They write
  // nothing: the gap stays measurable from lastSeenAt, so the closed tiers stay closed.
  if (!options.background && isTouchDue(session, check.openTier, options.now, policy)) {
    await touchSession(session.id, options.now, check.openTier);
    return { ok: true, session: { ...session, lastSeenAt: options.now, openTier: check.openTier } };
  }
  return { ok: true, session: { ...session, openTier: check.openTier } };
}

// LAB ONLY
// The score board's words for what validation let through or stopped (lib/lab/outcomes.ts).
const LAB_WORDS = {
  reuseBlocked: "A rotated-out session ID was presented: refused, and the whole session family ended.",
  reuseExploited: "A rotated-out session ID was accepted as if it were live, and nobody was told.",
  passwordChangeBlocked: "A session ended by a password change was presented again and refused.",
  signOutBlocked: "A signed-out session ID was presented again and refused.",
} as const;

// What a session kept alive by a flaw did when it was used again.
const SURVIVAL_WORDS: Record<Survival, string> = {
  "no-server-logout": "A session ID was used after its browser signed out, and the server accepted it.",
  "no-revoke-on-password-change":
    "A session from before the password change was accepted: the change locked nobody out.",
};

// The defenses in checkSession, the most specific first: a closed tier is the ceiling's doing
// before it is the idle limit's.
const CHECKED_DEFENSES = ["tier-reopen", "no-idle-timeout", "no-absolute-timeout", "revocation-snapshot"] as const;
const CHECK_WORDS: Record<(typeof CHECKED_DEFENSES)[number], { exploited: string; blocked: string }> = {
  "tier-reopen": {
    exploited: "A request reopened a tier that an earlier idle gap had closed.",
    blocked: "A request to a tier an earlier idle gap had closed was refused: the ceiling held.",
  },
  "no-idle-timeout": {
    exploited: "A session idle past its tier's limit was accepted.",
    blocked: "A session idle past its tier's limit was refused and ended.",
  },
  "no-absolute-timeout": {
    exploited: "A session past its absolute lifetime was accepted.",
    blocked: "A session past its absolute lifetime was refused and ended.",
  },
  "revocation-snapshot": {
    exploited: "A session from before a credential change was accepted.",
    blocked: "A session from before a credential change was refused and ended.",
  },
};

/** A rotated-out ID refused; a copy's (past the grace for requests in flight) may be one a step-up replaced. */
async function reportRefusedReplay(session: SessionWithUser, reason: "rotated" | "reused", tier: Tier): Promise<void> {
  await reportAttack("no-reuse-detection", "blocked", LAB_WORDS.reuseBlocked);
  if (reason === "reused") await reportPreStepUpReplay(session, tier);
}

/** Tells the lab's score board which defense this request met, if any. */
async function reportToLab(
  token: string,
  session: SessionWithUser,
  check: Check,
  allowedNow: () => boolean,
): Promise<void> {
  if (!labMode()) return;
  if (check.ok) await reportExposedIdUsed(token, session);
  if (check.ok && session.endReason === "rotated") {
    return reportAttack("no-reuse-detection", "exploited", LAB_WORDS.reuseExploited);
  }
  // Replays of an ID that sign-out or a password change should have ended: the defense is that it ended.
  const survival = survivalOf(session.tokenHash);
  if (check.ok && survival) return reportAttack(survival, "exploited", SURVIVAL_WORDS[survival]);
  if (!check.ok && session.endReason === "signed_out") {
    return reportAttack("no-server-logout", "blocked", LAB_WORDS.signOutBlocked);
  }
  if (!check.ok && session.endReason === "password_changed") {
    return reportAttack("no-revoke-on-password-change", "blocked", LAB_WORDS.passwordChangeBlocked);
  }
  if (!check.ok && !check.endNow) return;
  const outcome = check.ok ? "exploited" : "blocked";
  const flaw = await decidingFlaw(CHECKED_DEFENSES, check.ok, allowedNow);
  if (flaw) await reportAttack(flaw, outcome, CHECK_WORDS[flaw][outcome]);
}

/** Only under the no-reuse-detection flaw does a rotated-out row reach checkSession. */
function asLiveUnderReuseFlaw(session: SessionWithUser): SessionWithUser {
  return session.endReason === "rotated" ? { ...session, endedAt: null, endReason: null } : session;
}
// END LAB ONLY
