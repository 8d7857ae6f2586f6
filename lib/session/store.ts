// Session rows: create, find, touch and end. Only token hashes reach the database; the
// decisions about validity live in validate.ts.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Session, User } from "@/lib/generated/sqlite/client";
import { sessionPolicy } from "./policy";
import type { RequestInfo } from "./request";

export type SessionWithUser = Session & { user: User };

export type EndReason =
  | "idle"
  | "absolute"
  | "signed_out"
  | "revoked"
  | "disabled";

const HOUR_MS = 3_600_000;

export async function createSession(input: {
  userId: string;
  tokenHash: string;
  clientType: "web" | "api";
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
