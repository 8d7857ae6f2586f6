// Which tiers a session may still enter. An idle gap longer than a tier's limit closes that tier
// (and every tier above it) for the rest of the session: the session keeps a ceiling, `openTier`,
// that only ever goes down. Without it, a visit to a low page after 20 idle minutes would reset
// the idle clock and reopen the 15-minute transfer tier, making it behave as 60.
// The same rule serves as a database filter, so a session dead by policy but never presented
// again (and so never marked ended) is dead in every list and single-session check too.
import "server-only";
import { flawOn } from "@/lib/lab/flaws";
import type { Prisma, Session } from "@/lib/generated/sqlite/client";
import { sessionPolicy, type SessionPolicy, type Tier, TIERS } from "./policy";

const MINUTE_MS = 60_000;

function rank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/** The stored ceiling as a tier (a value we do not know closes everything but the lowest tier). */
export function storedCeiling(session: Pick<Session, "openTier">): Tier {
  return TIERS.find((t) => t === session.openTier) ?? TIERS[0];
}

/**
 * The most sensitive tier still open at `now`, or null when the gap closed every tier: the
 * stored ceiling, lowered to the highest tier whose idle limit the gap since the last recorded
 * activity did not exceed.
 */
export function openTierAt(
  session: Pick<Session, "openTier" | "lastSeenAt">,
  now: Date,
  policy: SessionPolicy,
): Tier | null {
  const idleMs = now.getTime() - session.lastSeenAt.getTime();
  // LAB FLAW tier-reopen: the stored ceiling is ignored, so only the latest gap counts and a
  // low-tier visit after a long gap reopens the high tier.
  const ceiling = flawOn("tier-reopen") ? TIERS.length - 1 : rank(storedCeiling(session));
  const open = TIERS.filter((t) => rank(t) <= ceiling && idleMs <= policy.idleTimeoutMinutes[t] * MINUTE_MS);
  return open.at(-1) ?? null;
}

/** True when a request of `tier` is within the ceiling. */
export function isTierOpen(openTier: Tier | null, tier: Tier): boolean {
  return openTier !== null && rank(tier) <= rank(openTier);
}

/** `tier` and every tier above it: the ceilings under which a request of `tier` may enter. */
export function tiersAtOrAbove(tier: Tier): Tier[] {
  return TIERS.filter((t) => rank(t) >= rank(tier));
}

/**
 * checkSession's rules as a Prisma filter: the sessions a request of `tier` would accept at `now`.
 * Lists of "live" sessions and the admin single-session check use it, never `endedAt` alone.
 */
export function acceptedSessionsWhere(
  tier: Tier,
  now: Date,
  policy: SessionPolicy = sessionPolicy(),
): Prisma.SessionWhereInput {
  const where: Prisma.SessionWhereInput = { endedAt: null, user: { disabledAt: null } };
  // LAB FLAW no-absolute-timeout: a session kept busy is listed as live forever.
  if (!flawOn("no-absolute-timeout")) where.expiresAt = { gt: now };
  // LAB FLAW no-idle-timeout: nor does inactivity end it in any list.
  if (!flawOn("no-idle-timeout")) {
    where.openTier = { in: tiersAtOrAbove(tier) };
    where.lastSeenAt = { gte: new Date(now.getTime() - policy.idleTimeoutMinutes[tier] * MINUTE_MS) };
  }
  return where;
}
