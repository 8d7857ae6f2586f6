// Session rows: create, find, touch and end. Only token hashes reach the database; the
// decisions about validity live in validate.ts.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { flawOn } from "@/lib/lab/flaws";
import type { Session, User } from "@/lib/generated/sqlite/client";
import { isRecordId } from "@/lib/text";
import { sessionPolicy, type Tier } from "./policy";
import type { EndReason } from "./end-reasons";
import { acceptedSessionsWhere } from "./liveness";
import type { RequestInfo } from "./request";
import { sessionLookup } from "./session-lookup";

/** The user as a session carries it: everything but the password hash, which pages never need. */
export type SessionUser = Omit<User, "passwordHash">;

export type SessionWithUser = Session & { user: SessionUser };

export type { EndReason };

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

/** The session with its user, read fresh on every request (the lean read path, session-lookup.ts). */
export async function findSessionByHash(tokenHash: string): Promise<SessionWithUser | null> {
  return sessionLookup().byTokenHash(tokenHash);
}

/**
 * Records activity and the tiers still open after the gap it ends. Callers throttle: at most one
 * write per lastSeenWriteIntervalSeconds, or when the gap closed a tier.
 */
export async function touchSession(id: string, now: Date, openTier: Tier): Promise<void> {
  await db.session.updateMany({ where: { id, endedAt: null }, data: { lastSeenAt: now, openTier } });
}

/** Ends one session; a session already ended keeps its first reason. True if this call ended it. */
export async function endSession(id: string, reason: EndReason, now: Date): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: { id, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return count > 0;
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
        openTier: old.openTier,
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

/**
 * Counts a password attempt on a live session before its password is checked, in one
 * conditional write: only while the count is under `limit`. A burst of parallel guesses can
 * therefore never have more than `limit` passwords checked. Returns the attempt's number, or
 * null when the limit was already reached (or the session ended): check nothing then.
 */
export async function reservePasswordAttempt(id: string, limit: number): Promise<number | null> {
  const { count } = await db.session.updateMany({
    where: { id, endedAt: null, stepUpFailures: { lt: limit } },
    data: { stepUpFailures: { increment: 1 } },
  });
  if (count === 0) return null;
  const row = await db.session.findUnique({ where: { id }, select: { stepUpFailures: true } });
  return row?.stepUpFailures ?? limit;
}

/** Only the lab flaw `attempt-race` writes the count this way (step-up.ts). */
export async function writePasswordFailures(id: string, failures: number): Promise<void> {
  await db.session.update({ where: { id }, data: { stepUpFailures: failures } });
}

/** Why a session ended, read fresh (another request may have ended it meanwhile). */
export async function findEndReason(id: string): Promise<string | null> {
  const row = await db.session.findUnique({ where: { id }, select: { endReason: true } });
  return row?.endReason ?? null;
}

/** The user's sessions that a request would still accept: not ended, and not dead by policy. */
export async function listLiveSessions(userId: string, now: Date): Promise<Session[]> {
  return db.session.findMany({
    where: { userId, ...acceptedSessionsWhere("low", now) },
    orderBy: { lastSeenAt: "desc" },
  });
}

/** Ends the user's live sessions, except one if given; returns how many ended. */
export async function endUserSessions(
  userId: string,
  reason: EndReason,
  now: Date,
  exceptId?: string,
): Promise<number> {
  if (!isRecordId(userId)) return 0;
  const { count } = await db.session.updateMany({
    where: { userId, endedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    data: { endedAt: now, endReason: reason },
  });
  return count;
}

/** Ends one session, only if it belongs to this user (an ID from a form proves nothing). */
export async function endOwnSession(userId: string, sessionId: string, reason: EndReason, now: Date): Promise<boolean> {
  if (!isRecordId(userId) || !isRecordId(sessionId)) return false;
  // LAB FLAW idor: the session is ended by its ID alone, whoever it belongs to.
  const owner = flawOn("idor") ? {} : { userId };
  const { count } = await db.session.updateMany({
    where: { id: sessionId, ...owner, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return count > 0;
}

/**
 * The user's other sessions that have entered the admin panel and could still use it: a
 * session past its 2-hour admin lifetime or idle beyond the high tier is dead, ended or not.
 */
export async function findOtherElevatedSessions(userId: string, exceptId: string, now: Date): Promise<Session[]> {
  return db.session.findMany({
    where: { userId, ...acceptedSessionsWhere("high", now), elevatedAt: { not: null }, id: { not: exceptId } },
    orderBy: { elevatedAt: "asc" },
  });
}
