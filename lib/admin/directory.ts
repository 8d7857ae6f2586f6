// What the admin panel reads and changes about customers: users with their live sessions, the
// security event log, disabling an account (which ends all its sessions and API tokens), and
// unlocking one that reached the sign-in hard stop.
import "server-only";
import { unlockAccount } from "@/lib/auth/lockout";
import { db } from "@/lib/db";
import { EVENT_LABELS, recordEvent } from "@/lib/session/events";
import { requestInfo } from "@/lib/session/request";
import { acceptedSessionsWhere } from "@/lib/session/liveness";
import { revokeUserSessions } from "@/lib/session/revoke";
import type { SessionWithUser } from "@/lib/session/store";
import { isRecordId } from "@/lib/text";

const EVENT_LOG_LIMIT = 200;

export async function listUsersWithSessions() {
  return db.user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      lockedAt: true,
      // Live by policy, not merely never marked ended: an idle or expired session is not listed.
      sessions: { where: acceptedSessionsWhere("low", new Date()), orderBy: { lastSeenAt: "desc" } },
    },
  });
}

export type EventFilter = { type?: string; userId?: string; from?: Date; to?: Date };

export async function searchEvents(filter: EventFilter) {
  // A value that cannot name a user or an event type matches nothing, and never reaches the
  // database as text PostgreSQL refuses outright (a NUL), which would answer 500.
  if (filter.userId && !isRecordId(filter.userId)) return [];
  if (filter.type && !Object.hasOwn(EVENT_LABELS, filter.type)) return [];
  return db.securityEvent.findMany({
    where: {
      type: filter.type || undefined,
      userId: filter.userId || undefined,
      // An aggregated row spans first to last seen: it matches a period it overlaps.
      lastSeenAt: { gte: filter.from },
      createdAt: { lte: filter.to },
    },
    include: { user: { select: { email: true } } },
    // Newest activity first; a flood is one row (events.ts), so it cannot push the rest out.
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: EVENT_LOG_LIMIT,
  });
}

/** Disabling is immediate: the account's sessions and API tokens end in the same step. */
export async function disableUser(admin: SessionWithUser, userId: string): Promise<void> {
  if (userId === admin.userId || !isRecordId(userId)) return;
  const { count } = await db.user.updateMany({
    where: { id: userId, disabledAt: null },
    data: { disabledAt: new Date() },
  });
  if (count === 0) return;
  await revokeUserSessions(userId, "disabled");
  await recordEvent({ type: "user_disabled", userId, request: await requestInfo(), detail: { by: admin.user.email } });
}

/** Unlocking lets the account's own password work again (there is no self-service reset). */
export async function unlockUser(admin: SessionWithUser, userId: string): Promise<void> {
  if (!isRecordId(userId)) return;
  await unlockAccount(userId, admin.user.email, await requestInfo());
}
