// Session rows: create, find, touch and end. Only token hashes reach the database; the
// decisions about validity live in validate.ts.
import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Db } from "@/lib/db";
import type { Prisma, Session } from "@/lib/generated/sqlite/client";
import { isRecordId } from "@/lib/text";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { reportForeignRecord } from "@/lib/lab/outcomes";
// END LAB ONLY
import { sessionPolicy, type Tier } from "./policy";
import type { EndReason } from "./end-reasons";
import { acceptedSessionsWhere, tiersAtOrAbove } from "./liveness";
import type { RequestInfo } from "./request";
import { sessionLookup, type SessionWithUser } from "./session-lookup";

export type { EndReason, SessionWithUser };

export type RotationReason = "step_up" | "password_change" | "admin_elevation";

/** How the token travels: "web" in the cookie, "api" in the Authorization header. */
export type ClientType = "web" | "api";

const HOUR_MS = 3_600_000;

export type NewSession = {
  userId: string;
  /** The user's credentialGeneration read with the password hash that was just checked. */
  credentialGeneration: number;
  tokenHash: string;
  clientType: ClientType;
  request: RequestInfo;
  now: Date;
};

/**
 * A sign-in: the new session, and the user's oldest live sessions it ended to stay within
 * maxLiveSessionsPerUser. Under the user's lock, so simultaneous sign-ins on any number of
 * instances count one after another and can never leave more live sessions than the cap.
 */
export async function createSessionWithinCap(input: NewSession): Promise<{ session: Session; ended: Session[] }> {
  return withUserSessionsLocked(input.userId, async (tx) => {
    const session = await createSession(tx, input);
    const ended = await endSessionsOverCap(tx, input.userId, session.id, input.now);
    return { session, ended };
  });
}

/** Ends the user's live sessions beyond the cap, oldest sign-in first; `keepId` is the newest. */
async function endSessionsOverCap(tx: Db, userId: string, keepId: string, now: Date): Promise<Session[]> {
  const others = await tx.session.findMany({
    where: { userId, id: { not: keepId }, ...acceptedSessionsWhere("low", now) },
    include: { user: { select: { credentialGeneration: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const over = others.filter(ofCurrentCredentials).slice(sessionPolicy().maxLiveSessionsPerUser - 1);
  if (over.length > 0) await endSessionsWhere(tx, { id: { in: over.map((s) => s.id) } }, "session_limit", now);
  return over.map(withoutUser);
}

async function createSession(client: Db, input: NewSession): Promise<Session> {
  const { absoluteLifetimeHours } = sessionPolicy();
  return client.session.create({
    data: {
      tokenHash: input.tokenHash,
      userId: input.userId,
      clientType: input.clientType,
      // A new sign-in starts a new family; rotations later keep it.
      familyId: randomUUID(),
      createdAt: input.now,
      lastSeenAt: input.now,
      authenticatedAt: input.now,
      credentialGeneration: input.credentialGeneration,
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
 * write per lastSeenWriteIntervalSeconds, or when the gap closed a tier. The write is
 * conditional because requests overlap: one that read the row before a later request wrote it
 * must not put back an older lastSeenAt (making the session look more recently active than it
 * was) or a higher ceiling (reopening a tier another request closed). Time only moves forward
 * and the ceiling only down; a write that lost either race is simply dropped.
 */
export async function touchSession(id: string, now: Date, openTier: Tier, client: Db = db): Promise<void> {
  await client.session.updateMany({
    where: { id, endedAt: null, lastSeenAt: { lt: now }, openTier: { in: tiersAtOrAbove(openTier) } },
    data: { lastSeenAt: now, openTier },
  });
}

/** Ends one session; a session already ended keeps its first reason. True if this call ended it. */
export async function endSession(id: string, reason: EndReason, now: Date): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: { id, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return count > 0;
}

/**
 * Ends every live session of a family (all rotations of one sign-in): the theft response. Under
 * the user's lock, so a rotation of the family committing at the same moment is either ended
 * here or finds its old row ended and fails.
 */
export async function endFamily(userId: string, familyId: string, reason: EndReason, now: Date): Promise<number> {
  return withUserSessionsLocked(userId, async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { familyId, endedAt: null },
      data: { endedAt: now, endReason: reason },
    });
    return count;
  });
}

/**
 * Takes the user's row lock until the transaction ends. Every write that ends a user's sessions,
 * replaces one by rotation or elevates one takes it first, so those writes happen one after
 * another per user, across instances, under READ COMMITTED: "end Ann's sessions" cannot miss a
 * row that a concurrent rotation inserted but had not committed yet, and two admin-panel entries
 * cannot both see "no other elevated session", and two sign-ins cannot both count one session
 * under the cap (createSessionWithinCap). A no-op UPDATE rather than SELECT … FOR UPDATE: the
 * same statement locks the row on PostgreSQL and takes the write lock on SQLite. A password
 * change landing after a sign-in's check is caught by the credential generation, not the lock.
 */
async function lockUserSessions(tx: Db, userId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "User" SET "credentialGeneration" = "credentialGeneration" WHERE "id" = ${userId}`;
}

// Waiting behind another request's lock beats failing it. Prisma's `timeout` counts the time a
// transaction spends queued on the lock, and one user's writers run one after another: eight
// admin-panel entries at once on a loaded machine were seen to need more than 10 s in all.
const LOCKED_TRANSACTION = { maxWait: 10_000, timeout: 30_000 };

/** Runs `work` in a transaction holding the user's lock (lockUserSessions). */
export function withUserSessionsLocked<T>(userId: string, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await lockUserSessions(tx as Db, userId);
    return work(tx as Db);
  }, LOCKED_TRANSACTION);
}

/**
 * Replaces a session with a new row under a new token hash, in the caller's transaction holding
 * the user's lock (withUserSessionsLocked): the old row ends as "rotated" (kept, so a later
 * replay of its ID is recognised) and everything the policy tracks carries over (family,
 * credential generation, absolute deadline, tier, elevation) unless `changes` says otherwise.
 * Returns null when the old session was ended concurrently.
 */
export async function rotateSession(
  tx: Db,
  old: Session,
  input: { tokenHash: string; reason: RotationReason; now: Date; changes: RotationChanges },
): Promise<Session | null> {
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
      credentialGeneration: input.changes.credentialGeneration ?? old.credentialGeneration,
      openTier: old.openTier,
      elevatedAt: input.changes.elevatedAt ?? old.elevatedAt,
      expiresAt: input.changes.expiresAt ?? old.expiresAt,
      userAgent: old.userAgent,
      ip: old.ip,
    },
  });
}

export type RotationChanges = {
  authenticatedAt?: Date;
  elevatedAt?: Date;
  expiresAt?: Date;
  credentialGeneration?: number;
};

// LAB ONLY
/** Marks a fresh password entry on the same row (only the no-rotation lab flaw does this). */
export async function markAuthenticated(id: string, now: Date): Promise<void> {
  await db.session.update({ where: { id }, data: { authenticatedAt: now, stepUpFailures: 0 } });
}
// END LAB ONLY

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

/**
 * When the family's step-ups since `since` happened, oldest first: each left a row rotated for
 * "step_up" whose authenticatedAt is the moment of that step-up (rotated-out rows are kept).
 */
export async function findStepUpTimes(familyId: string, since: Date): Promise<Date[]> {
  const rows = await db.session.findMany({
    where: { familyId, rotatedReason: "step_up", authenticatedAt: { gt: since } },
    orderBy: { authenticatedAt: "asc" },
    select: { authenticatedAt: true },
  });
  return rows.map((row) => row.authenticatedAt);
}

// LAB ONLY
/** Only the lab flaw `attempt-race` writes the count this way (step-up.ts). */
export async function writePasswordFailures(id: string, failures: number): Promise<void> {
  await db.session.update({ where: { id }, data: { stepUpFailures: failures } });
}
// END LAB ONLY

/** Why a session ended, read fresh (another request may have ended it meanwhile). */
export async function findEndReason(id: string): Promise<string | null> {
  const row = await db.session.findUnique({ where: { id }, select: { endReason: true } });
  return row?.endReason ?? null;
}

/** The user's sessions that a request would still accept: not ended, and not dead by policy. */
export async function listLiveSessions(userId: string, now: Date): Promise<Session[]> {
  const sessions = await db.session.findMany({
    where: { userId, ...acceptedSessionsWhere("low", now) },
    include: { user: { select: { credentialGeneration: true } } },
    orderBy: { lastSeenAt: "desc" },
  });
  return sessions.filter(ofCurrentCredentials).map(withoutUser);
}

/**
 * A session authenticated with an earlier generation is dead however it looks (validate.ts);
 * the filter acceptedSessionsWhere cannot express compares two tables' columns, so lists apply it.
 */
function ofCurrentCredentials(session: Session & { user: { credentialGeneration: number } }): boolean {
  // LAB FLAW revocation-snapshot: lists count such a session as live, as the requests it makes are.
  if (flawOn("revocation-snapshot")) return true;
  return session.credentialGeneration === session.user.credentialGeneration;
}

function withoutUser(row: Session & { user: unknown }): Session {
  const session: Session & { user?: unknown } = { ...row };
  delete session.user;
  return session;
}

/**
 * Ends the user's live sessions, except one if given; returns how many ended. `newGeneration`
 * also raises the user's credential generation in the same transaction, so a session whose
 * sign-in or rotation is still in flight is dead too when it lands (admin "end all", disabling).
 */
export async function endUserSessions(
  userId: string,
  reason: EndReason,
  now: Date,
  options: { exceptId?: string; newGeneration?: boolean } = {},
): Promise<number> {
  if (!isRecordId(userId)) return 0;
  return withUserSessionsLocked(userId, async (tx) => {
    if (options.newGeneration) await raiseCredentialGeneration(tx, userId, reason);
    return endSessionsExcept(tx, userId, reason, now, options.exceptId);
  });
}

/** Within the user's lock: ends every live session of the user but `exceptId`. */
export async function endSessionsExcept(
  tx: Db,
  userId: string,
  reason: EndReason,
  now: Date,
  exceptId?: string,
): Promise<number> {
  return endSessionsWhere(tx, { userId, ...(exceptId ? { id: { not: exceptId } } : {}) }, reason, now);
}

/** Ends the live sessions `where` names; a session already ended keeps its first reason. */
export async function endSessionsWhere(
  tx: Db,
  where: Prisma.SessionWhereInput,
  reason: EndReason,
  now: Date,
): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { ...where, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return count;
}

/**
 * Within the user's lock: from this commit on, every session authenticated before it is dead
 * (validate.ts compares generations), and is told `reason`. Optionally stores a new password
 * hash in the same write. Returns the new generation, or null when no such user exists.
 */
export async function raiseCredentialGeneration(
  tx: Db,
  userId: string,
  reason: EndReason,
  newPassword?: { hash: string; changedAt: Date },
): Promise<number | null> {
  // updateMany: an ID that names no user (a forged admin form) changes nothing and throws nothing.
  const { count } = await tx.user.updateMany({
    where: { id: userId },
    data: {
      credentialGeneration: { increment: 1 },
      generationEndReason: reason,
      ...(newPassword ? { passwordHash: newPassword.hash, passwordChangedAt: newPassword.changedAt } : {}),
    },
  });
  if (count === 0) return null;
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { credentialGeneration: true } });
  return user.credentialGeneration;
}

/** Ends one session, only if it belongs to this user (an ID from a form proves nothing). */
export async function endOwnSession(userId: string, sessionId: string, reason: EndReason, now: Date): Promise<boolean> {
  if (!isRecordId(userId) || !isRecordId(sessionId)) return false;
  // LAB FLAW idor: the session is ended by its ID alone, whoever it belongs to.
  const owner = flawOn("idor") ? {} : { userId };
  // LAB ONLY
  await reportForeignRecord(
    "session",
    userId,
    async () => (await db.session.findFirst({ where: { id: sessionId, endedAt: null } }))?.userId,
  );
  // END LAB ONLY
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
export async function findOtherElevatedSessions(
  tx: Db,
  userId: string,
  exceptId: string,
  now: Date,
): Promise<Session[]> {
  const sessions = await tx.session.findMany({
    where: { userId, ...acceptedSessionsWhere("high", now), elevatedAt: { not: null }, id: { not: exceptId } },
    include: { user: { select: { credentialGeneration: true } } },
    orderBy: { elevatedAt: "asc" },
  });
  return sessions.filter(ofCurrentCredentials).map(withoutUser);
}
