// Entering the admin panel: a privilege change. It needs a fresh step-up, issues a new session
// ID, marks the session elevated and shortens its absolute lifetime (adminAbsoluteLifetimeHours).
// The single-session option decides what happens when the admin already has another elevated
// session: newest-wins (the other ends and is told why), oldest-wins (this one is refused,
// naming where and since when the other runs), or off.
import "server-only";
import { db } from "@/lib/db";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { reportAttempt } from "@/lib/lab/outcomes";
// END LAB ONLY
import { describeDevice } from "./device";
import { recordEvent } from "./events";
import { newRotation } from "./lifecycle";
import { sessionPolicy } from "./policy";
import { requestInfo } from "./request";
import { endSessionsWhere, findOtherElevatedSessions, withUserSessionsLocked, type SessionWithUser } from "./store";
import type { Session } from "@/lib/generated/sqlite/client";

export const SINGLE_SESSION_MODES = ["newest-wins", "oldest-wins", "off"] as const;
export type SingleSessionMode = (typeof SINGLE_SESSION_MODES)[number];

/** Each option as the admin panel offers it: a name and what it does. */
export const SINGLE_SESSION_MODE_WORDS: Record<SingleSessionMode, { name: string; explained: string }> = {
  "newest-wins": {
    name: "The newest session wins",
    explained: "Opening the panel in a new session ends the admin session open elsewhere, which is told why.",
  },
  "oldest-wins": {
    name: "The first session keeps it",
    explained: "While the panel is open in one session, opening it in another is refused, saying where it is open.",
  },
  off: {
    name: "No limit",
    explained: "An administrator may have the panel open in several sessions at once.",
  },
};

/** The words for a stored option value (a value no longer offered is shown as such, not as a code). */
export function singleSessionModeWords(value: unknown): { name: string; explained: string } {
  const mode = SINGLE_SESSION_MODES.find((m) => m === value);
  return mode ? SINGLE_SESSION_MODE_WORDS[mode] : { name: "an option no longer offered", explained: "" };
}

const SETTING_KEY = "admin.singleSession";
const DEFAULT_MODE: SingleSessionMode = "newest-wins";

export async function singleSessionMode(): Promise<SingleSessionMode> {
  const row = await db.setting.findUnique({ where: { key: SETTING_KEY } });
  return SINGLE_SESSION_MODES.find((m) => m === row?.value) ?? DEFAULT_MODE;
}

export async function setSingleSessionMode(admin: SessionWithUser, mode: SingleSessionMode): Promise<void> {
  const previous = await singleSessionMode();
  await db.setting.upsert({
    where: { key: SETTING_KEY },
    create: { key: SETTING_KEY, value: mode },
    update: { value: mode },
  });
  await recordEvent({
    type: "admin_setting_changed",
    userId: admin.userId,
    tokenHash: admin.tokenHash,
    request: await requestInfo(),
    detail: { setting: SETTING_KEY, from: previous, to: mode },
  });
}

export type OtherAdminSession = { device: string; ip: string | null; since: Date };

export type Elevation =
  | { ok: true; session: SessionWithUser }
  | { ok: false; reason: "open_elsewhere"; other: OtherAdminSession }
  | { ok: false; reason: "ended" };

/**
 * Call with a freshly authenticated admin session (see confirmFreshAuth). The single-session
 * rule and the rotation are one transaction under the user's lock: entries sent at once, from
 * any number of instances, take their turns, and each sees what the one before it committed.
 * Reading "no other elevated session" and then writing, unlocked, let eight entries at once all
 * become elevated.
 */
export async function elevateToAdmin(session: SessionWithUser): Promise<Elevation> {
  const mode = await enforcedMode();
  const now = new Date();
  const adminDeadline = new Date(now.getTime() + sessionPolicy().adminAbsoluteLifetimeHours * 3_600_000);
  const rotation = newRotation(session, "admin_elevation");
  // LAB ONLY
  const elevatedElsewhere = flawOn("concurrent-admin")
    ? (await findOtherElevatedSessions(db, session.userId, session.id, now)).length > 0
    : false;
  // END LAB ONLY
  const outcome = await withUserSessionsLocked(session.userId, async (tx) => {
    const others = mode === "off" ? [] : await findOtherElevatedSessions(tx, session.userId, session.id, now);
    const oldest = others[0];
    if (mode === "oldest-wins" && oldest) return { refusedFor: oldest };
    // newest-wins: the others end in the same transaction this session is elevated in.
    for (const other of others) await endSessionsWhere(tx, { id: other.id }, "superseded", now);
    const rotated = await rotation.write(tx, {
      elevatedAt: now,
      expiresAt: adminDeadline < session.expiresAt ? adminDeadline : session.expiresAt,
    });
    return { rotated, superseded: others };
  });
  // LAB ONLY
  const metOthers = elevatedElsewhere || Boolean(outcome.refusedFor) || (outcome.superseded?.length ?? 0) > 0;
  if (metOthers) await reportAttempt("concurrent-admin", CONCURRENT_ADMIN_WORDS);
  // END LAB ONLY
  if (outcome.refusedFor) return refuse(session, outcome.refusedFor);
  for (const other of outcome.superseded) await recordSuperseded(session, other);
  const rotated = await rotation.announce(outcome.rotated);
  if (!rotated) return { ok: false, reason: "ended" };
  await recordEvent({
    type: "admin_elevated",
    userId: session.userId,
    tokenHash: rotated.session.tokenHash,
    request: await requestInfo(),
  });
  return { ok: true, session: rotated.session };
}

// LAB ONLY
const CONCURRENT_ADMIN_WORDS = {
  exploited: "A second admin session entered the panel while another was still in it.",
  blocked: "A second admin session tried to enter the panel: the single-session rule decided between them.",
};
// END LAB ONLY

async function enforcedMode(): Promise<SingleSessionMode> {
  // LAB FLAW concurrent-admin: any number of elevated admin sessions at once, unnoticed.
  if (flawOn("concurrent-admin")) return "off";
  return singleSessionMode();
}

async function refuse(session: SessionWithUser, oldest: Session): Promise<Elevation> {
  await recordEvent({
    type: "admin_elevation_refused",
    userId: session.userId,
    tokenHash: session.tokenHash,
    request: await requestInfo(),
  });
  return { ok: false, reason: "open_elsewhere", other: describeOther(oldest) };
}

async function recordSuperseded(session: SessionWithUser, other: Session): Promise<void> {
  await recordEvent({
    type: "session_ended",
    userId: session.userId,
    tokenHash: other.tokenHash,
    request: await requestInfo(),
    detail: { reason: "superseded" },
  });
}

function describeOther(session: Session): OtherAdminSession {
  return {
    device: describeDevice(session.userAgent, session.clientType),
    ip: session.ip,
    since: session.elevatedAt ?? session.createdAt,
  };
}
