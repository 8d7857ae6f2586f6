// Session rows: create, find, touch and end. Only token hashes reach the database; the
// decisions about validity live in validate.ts.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Session, User } from "@/lib/generated/sqlite/client";
import { sessionPolicy } from "./policy";
import type { RequestInfo } from "./request";

export type SessionWithUser = Session & { user: User };

/** Why a session ended: stored in endReason, shown to the user, named in events and tests. */
export const END_REASONS = [
  "idle",
  "absolute",
  "signed_out",
  "revoked",
  "disabled",
  "rotated",
  "reused",
  "step_up_failures",
  "password_changed",
  "revoked_by_admin",
  "superseded",
] as const;

export type EndReason = (typeof END_REASONS)[number];

export type RotationReason = "step_up" | "password_change" | "admin_elevation";

/** How the token travels: "web" in the cookie, "api" in the Authorization header. */
export type ClientType = "web" | "api";

const HOUR_MS = 3_600_000;

export async function createSession(input: {
  userId: string;
  tokenHash: string;
  clientType: ClientType;
  request: RequestInfo;
  now: Date;
}): Promise<Session> {
  const { absoluteLifetimeHours } = sessionPolicy();
  return db.session.create({
    data: {
      tokenHash: input.tokenHash,
      userId: input.userId,
      clientType: input.clientType,
      // A new sign-in starts a new family; rotations later keep it.
      familyId: randomUUID(),
      createdAt: input.now,
      lastSeenAt: input.now,
      authenticatedAt: input.now,
      expiresAt: new Date(input.now.getTime() + absoluteLifetimeHours * HOUR_MS),
      userAgent: input.request.userAgent,
      ip: input.request.ip,
    },
  });
}

export async function findSessionByHash(tokenHash: string): Promise<SessionWithUser | null> {
  return db.session.findUnique({ where: { tokenHash }, include: { user: true } });
}

/** Records activity. Callers throttle: at most one write per lastSeenWriteIntervalSeconds. */
export async function touchSession(id: string, now: Date, tierReached: string): Promise<void> {
  await db.session.update({ where: { id }, data: { lastSeenAt: now, tierReached } });
}

/** Ends one session; a session already ended keeps its first reason. */
export async function endSession(id: string, reason: EndReason, now: Date): Promise<void> {
  await db.session.updateMany({
    where: { id, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
}

/** Ends every live session of a family (all rotations of one sign-in): the theft response. */
export async function endFamily(familyId: string, reason: EndReason, now: Date): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { familyId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return count;
}

/**
 * Replaces a session with a new row under a new token hash, in one transaction: the old row
 * ends as "rotated" (kept, so a later replay of its ID is recognised) and everything the policy
 * tracks carries over (family, absolute deadline, tier, elevation) unless `changes` says
 * otherwise. Returns null when the old session was ended concurrently.
 */
export async function rotateSession(
  old: Session,
  input: { tokenHash: string; reason: RotationReason; now: Date; changes: RotationChanges },
): Promise<Session | null> {
  return db.$transaction(async (tx) => {
    const ended = await tx.session.updateMany({
      where: { id: old.id, endedAt: null },
      data: { endedAt: input.now, endReason: "rotated" },
    });
    if (ended.count === 0) return null;
    return tx.session.create({
      data: {
        tokenHash: input.tokenHash,
        userId: old.userId,
        clientType: old.clientType,
        familyId: old.familyId,
        rotatedFromId: old.id,
        rotatedReason: input.reason,
        createdAt: old.createdAt,
        lastSeenAt: input.now,
        authenticatedAt: input.changes.authenticatedAt ?? old.authenticatedAt,
        tierReached: old.tierReached,
        elevatedAt: input.changes.elevatedAt ?? old.elevatedAt,
        expiresAt: input.changes.expiresAt ?? old.expiresAt,
        userAgent: old.userAgent,
        ip: old.ip,
      },
    });
  });
}

export type RotationChanges = { authenticatedAt?: Date; elevatedAt?: Date; expiresAt?: Date };

/** Marks a fresh password entry on the same row (only the no-rotation lab flaw does this). */
export async function markAuthenticated(id: string, now: Date): Promise<void> {
  await db.session.update({ where: { id }, data: { authenticatedAt: now, stepUpFailures: 0 } });
}

/** Counts a wrong step-up password atomically; returns the new count. */
export async function countStepUpFailure(id: string): Promise<number> {
  const updated = await db.session.update({
    where: { id },
    data: { stepUpFailures: { increment: 1 } },
    select: { stepUpFailures: true },
  });
  return updated.stepUpFailures;
}

export async function listLiveSessions(userId: string): Promise<Session[]> {
  return db.session.findMany({ where: { userId, endedAt: null }, orderBy: { lastSeenAt: "desc" } });
}

/** Ends the user's live sessions, except one if given; returns how many ended. */
export async function endUserSessions(userId: string, reason: EndReason, now: Date, exceptId?: string): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { userId, endedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    data: { endedAt: now, endReason: reason },
  });
  return count;
}

/** Ends one session, only if it belongs to this user (an ID from a form proves nothing). */
export async function endOwnSession(userId: string, sessionId: string, reason: EndReason, now: Date): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: { id: sessionId, userId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return count > 0;
}

/** The user's other live sessions that have entered the admin panel. */
export async function findOtherElevatedSessions(userId: string, exceptId: string): Promise<Session[]> {
  return db.session.findMany({
    where: { userId, endedAt: null, elevatedAt: { not: null }, id: { not: exceptId } },
    orderBy: { elevatedAt: "asc" },
  });
}
