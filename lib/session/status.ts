// What a page (and the timeout warning, and the inspector) may know about its session: the
// deadlines, computed on the server from the same policy that enforces them.
import "server-only";
import { describeEvent } from "./event-words";
import { listFamilyEvents } from "./events";
import { stepUpFreshUntil } from "./step-up";
import { fingerprint } from "./tokens";
import { isTierOpen, storedCeiling } from "./liveness";
import { sessionPolicy, type Tier, TIERS } from "./policy";
import type { SessionWithUser } from "./store";

export type SessionStatus = {
  tier: Tier;
  idleLimitSeconds: number;
  /** Time since the activity the server last recorded (lastSeenAt). */
  idleElapsedMs: number;
  absoluteRemainingMs: number;
  warningLeadSeconds: number;
  // LAB ONLY
  /** Lab mode only: when the console last moved the clocks, as this page was rendered. */
  lab?: { timeTravel: string | null };
  // END LAB ONLY
};

export function sessionStatus(session: SessionWithUser, tier: Tier, now: Date = new Date()): SessionStatus {
  const policy = sessionPolicy();
  return {
    tier,
    idleLimitSeconds: policy.idleTimeoutMinutes[tier] * 60,
    idleElapsedMs: Math.max(0, now.getTime() - session.lastSeenAt.getTime()),
    absoluteRemainingMs: Math.max(0, session.expiresAt.getTime() - now.getTime()),
    warningLeadSeconds: policy.warningLeadSeconds,
  };
}

export type InspectorFacts = {
  fingerprint: string;
  createdAt: string;
  authenticatedAt: string;
  stepUpFreshUntil: string;
};

/** The session as a trainer points at it: never the token, only a fingerprint of its hash. */
export function inspectorFacts(session: SessionWithUser): InspectorFacts {
  return {
    fingerprint: fingerprint(session.tokenHash),
    createdAt: session.createdAt.toISOString(),
    authenticatedAt: session.authenticatedAt.toISOString(),
    stepUpFreshUntil: stepUpFreshUntil(session).toISOString(),
  };
}

export type TimelineEntry = {
  at: string;
  type: string;
  /** The event in words (event-words.ts). */
  text: string;
  fingerprint: string | null;
};

/**
 * The events of this sign-in, for the inspector. Two queries, so they are read only when the
 * inspector is opened (app/session/timeline), never on every page render.
 */
export async function sessionTimeline(session: SessionWithUser): Promise<TimelineEntry[]> {
  const events = await listFamilyEvents(session);
  return events.map((e) => ({
    at: e.createdAt.toISOString(),
    type: e.type,
    text: describeEvent(e.type, e.detail),
    fingerprint: e.sessionFingerprint,
  }));
}

export type SessionDeadlines = {
  fingerprint: string;
  createdAt: string;
  lastActivityAt: string;
  /** The session ends at this time however active it is. */
  absoluteExpiresAt: string;
  /** Transfers need a step-up after this time. */
  stepUpFreshUntil: string;
  idleTimeoutMinutes: Record<Tier, number>;
  /** The most sensitive tier still open: an earlier idle gap closed those above it for good. */
  openTier: Tier;
  /** Without activity, a request of each tier is refused (and the session ended) after this time; null once closed. */
  idleExpiresAt: Record<Tier, string | null>;
};

/** What an API client may know about its session: every deadline, computed from the policy. */
export function sessionDeadlines(
  session: Pick<
    SessionWithUser,
    "tokenHash" | "createdAt" | "lastSeenAt" | "authenticatedAt" | "expiresAt" | "openTier"
  >,
): SessionDeadlines {
  const policy = sessionPolicy();
  const openTier = storedCeiling(session);
  const at = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000).toISOString();
  const idleExpiresAt = (tier: Tier) =>
    isTierOpen(openTier, tier) ? at(session.lastSeenAt, policy.idleTimeoutMinutes[tier]) : null;
  return {
    fingerprint: fingerprint(session.tokenHash),
    createdAt: session.createdAt.toISOString(),
    lastActivityAt: session.lastSeenAt.toISOString(),
    absoluteExpiresAt: session.expiresAt.toISOString(),
    stepUpFreshUntil: stepUpFreshUntil(session).toISOString(),
    idleTimeoutMinutes: { ...policy.idleTimeoutMinutes },
    openTier,
    idleExpiresAt: Object.fromEntries(TIERS.map((tier) => [tier, idleExpiresAt(tier)])) as Record<Tier, string | null>,
  };
}
